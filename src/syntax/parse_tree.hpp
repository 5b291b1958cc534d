// Which grammar rules become nodes of the parse tree. The tree exists only
// between parse.cpp and build_ast.cpp: the builder turns it into the typed
// AST right away. A tree (rather than actions) keeps backtracking honest:
// PEGTL drops the nodes of every alternative that fails.
#pragma once

#include <cstddef>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar/grammar.hpp"

namespace quanze::syntax {

/// A parse-tree node. PEGTL makes one for every rule it tries that may
/// hold kept nodes, and drops most of them when an alternative fails: some
/// 200 per rule of a policy, each a malloc and a free. They come from a
/// free list of the thread instead (node_pool.cpp).
struct Node : grammar::p::parse_tree::basic_node<Node> {
  static void* operator new(std::size_t size);
  static void operator delete(void* node, std::size_t size) noexcept;
};

namespace g = grammar;

template <typename Rule>
using selector = grammar::p::parse_tree::selector<
    Rule,
    grammar::p::parse_tree::store_content::on<
        // declarations
        g::header, g::policy_name, g::version_text, g::source_text, g::import_decl, g::import_path,
        g::schema, g::field, g::field_name, g::type_text, g::type_number, g::type_bool, g::type_basis,
        g::type_enum, g::type_set, g::enum_ordered, g::ordered_enum, g::member, g::member_id, g::member_label,
        g::header_text, g::default_value, g::let_decl, g::let_name, g::rule_decl, g::exception_decl,
        g::require_decl, g::default_decl, g::precedence_decl, g::rule_id, g::title, g::override_id,
        g::pattern, g::precedence_kind,
        // expressions
        g::expr, g::when_expr, g::condition, g::nested_expr, g::conj, g::or_operand, g::not_expr,
        g::test, g::compare, g::op_eq, g::op_ne, g::op_lt, g::op_le, g::op_gt, g::op_ge, g::in_op,
        g::not_in, g::value_list, g::has_test, g::has_any, g::has_all, g::empty_test, g::is_not, g::is_not_empty,
        g::contains_test, g::starts_test, g::ends_test, g::text_arg, g::ref, g::ident, g::attr_name,
        g::string, g::number, g::true_lit, g::false_lit,
        // outcomes
        g::then_outcome, g::default_outcome, g::else_outcome, g::reject_outcome, g::kw_cancel,
        g::kw_keep, g::kw_filing, g::kw_delegate, g::delegate_outcome, g::next_field,
        g::target_text, g::receiver_text, g::kw_authorization, g::kw_entrustment, g::kw_direct,
        g::because_text, g::cite_text, g::effective_date, g::until_date>>;

}  // namespace quanze::syntax
