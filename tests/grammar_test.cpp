// The grammar has no rule that can loop without consuming input (PEGTL's
// analyze<>), so no rule file can make the parser hang.
#include <doctest/doctest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/grammar.hpp"

namespace tao::pegtl {
// guarded<R> matches exactly what R matches, one nesting level deeper.
template <typename Name, typename Rule>
struct analyze_traits<Name, quanze::syntax::grammar::guarded<Rule>>
    : analyze_traits<Name, typename seq<Rule>::rule_t> {};
// zh_key<T> matches what key<T> matches, or nothing when Chinese keywords are off.
template <typename Name, typename Text>
struct analyze_traits<Name, quanze::syntax::grammar::zh_key<Text>>
    : analyze_traits<Name, typename seq<quanze::syntax::grammar::key<Text>>::rule_t> {};
}  // namespace tao::pegtl

TEST_CASE("grammar: analyze finds no rule that can loop without consuming input") {
  CHECK(tao::pegtl::analyze<quanze::syntax::grammar::file>(1) == 0);
}
