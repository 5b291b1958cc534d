// Calendar days, for rules that are in force only for a while.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace quanze {

/// A day of the Gregorian calendar.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const Date&) const = default;

  /// "2024-12-31".
  std::string to_string() const;
  /// Exactly YYYY-MM-DD naming a real day (2024-02-29 yes, 2023-02-29 no).
  static std::optional<Date> parse(std::string_view text);
  /// Today by the machine's clock and time zone. The engine never calls
  /// it: the day to evaluate on is an input (the CLI's --as-of defaults to it).
  static Date today();
  /// The day after, the day before (for the edges of effective/until windows).
  Date next() const;
  Date previous() const;
};

}  // namespace quanze
