#include "quanze/date.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

namespace quanze {

std::string Date::to_string() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t at, std::size_t length, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  Date d;
  if (!number(0, 4, d.year) || !number(5, 2, d.month) || !number(8, 2, d.day)) return std::nullopt;
  namespace c = std::chrono;
  c::year_month_day ymd{c::year{d.year}, c::month{static_cast<unsigned>(d.month)}, c::day{static_cast<unsigned>(d.day)}};
  if (d.year < 1 || !ymd.ok()) return std::nullopt;
  return d;
}

namespace {

Date shifted(const Date& d, int days) {
  namespace c = std::chrono;
  c::sys_days at{c::year_month_day{c::year{d.year}, c::month{static_cast<unsigned>(d.month)},
                                   c::day{static_cast<unsigned>(d.day)}}};
  c::year_month_day out{at + c::days{days}};
  return {static_cast<int>(out.year()), static_cast<int>(static_cast<unsigned>(out.month())),
          static_cast<int>(static_cast<unsigned>(out.day()))};
}

}  // namespace

Date Date::next() const { return shifted(*this, 1); }
Date Date::previous() const { return shifted(*this, -1); }

Date Date::today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace quanze
