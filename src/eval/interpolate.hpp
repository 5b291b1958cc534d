// How values read inside strings and explanations (DESIGN.md part 4,
// "Interpolation").
#pragma once

#include <string>

#include "eval/item.hpp"
#include "eval/packed_items.hpp"
#include "eval/program.hpp"

namespace quanze {

/// Appends a field's value as text: text as written, numbers in shortest
/// form, enum members by label, sets as labels in schema order joined by 、,
/// bools as 是/否, a basis as its cell, `.highest` as the level's label,
/// `.count` as a number; a missing value appends nothing.
/// For ItemValues and PackedItem (instantiated in interpolate.cpp).
template <class Item>
void append_value(const Program& program, const Template::Piece& piece, const Item& item, std::string& out);

/// Appends a template with its holes filled from the item.
template <class Item>
void render_template(const Program& program, const Template& t, const Item& item, std::string& out);

/// A number in its shortest form: 7, 7.5, -0.25.
void append_number(double value, std::string& out);

}  // namespace quanze
