// A row's cells, their text back to back in one buffer.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace quanze {

/// The cells of one row, read as string_views. The text of every cell is
/// kept in one buffer, each cell a span of it: a list's rows are read by
/// the million, and a string per cell was an allocation per long cell and
/// a cache miss per cell; one buffer per row, reused from batch to batch,
/// is neither. Setting a cell again appends its new text (the old stays
/// until clear()), so readers that fill columns out of order can.
///
/// A CSV reader keeps the record itself as the buffer (push_span, then
/// set_record): most cells are spans of it as they stand, so the row's
/// text is copied once, whole, not cell by cell, and the record can be
/// written out again as it was read.
class RowCells {
 public:
  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;
    const_iterator() = default;
    const_iterator(const RowCells* cells, std::size_t i) : cells_(cells), i_(i) {}
    const std::string_view operator*() const { return (*cells_)[i_]; }
    std::string_view operator[](difference_type n) const { return (*cells_)[i_ + static_cast<std::size_t>(n)]; }
    const_iterator& operator++() { return ++i_, *this; }
    const_iterator operator++(int) { return {cells_, i_++}; }
    const_iterator& operator--() { return --i_, *this; }
    const_iterator operator--(int) { return {cells_, i_--}; }
    const_iterator& operator+=(difference_type n) { return i_ += static_cast<std::size_t>(n), *this; }
    const_iterator& operator-=(difference_type n) { return i_ -= static_cast<std::size_t>(n), *this; }
    friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
    friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
    friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const_iterator a, const_iterator b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const_iterator a, const_iterator b) { return a.i_ == b.i_; }
    friend auto operator<=>(const_iterator a, const_iterator b) { return a.i_ <=> b.i_; }

   private:
    const RowCells* cells_ = nullptr;
    std::size_t i_ = 0;
  };
  using value_type = std::string_view;
  using size_type = std::size_t;
  using iterator = const_iterator;

  RowCells() = default;
  RowCells(std::initializer_list<std::string_view> cells) {
    for (std::string_view c : cells) push_back(c);
  }
  explicit RowCells(const std::vector<std::string>& cells) {
    for (const std::string& c : cells) push_back(c);
  }

  std::size_t size() const { return spans_.size(); }
  bool empty() const { return spans_.empty(); }
  // const, so that `cells[i] = text`, which would assign to a temporary
  // view and change nothing, does not compile: set() changes a cell.
  const std::string_view operator[](std::size_t i) const {
    return {text_.data() + spans_[i].offset, spans_[i].size};
  }
  const std::string_view front() const { return (*this)[0]; }
  const std::string_view back() const { return (*this)[size() - 1]; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  /// No cells; the storage stays for the next row.
  void clear() {
    text_.clear();
    spans_.clear();
    record_size_ = 0;
  }
  /// A cell that is `size` bytes at `offset` of the record that
  /// set_record() will give; until then the row is not to be read.
  void push_span(std::size_t offset, std::size_t size) { spans_.push_back({offset | kInRecord, size}); }
  /// Ends a row built with push_span: `record` goes before any text
  /// pushed or appended meanwhile (cells that are no span of it, such as a
  /// quoted cell whose doubled quotes were undone). record() gives it when
  /// `keep` (else the row has no record, as if read from a workbook).
  void set_record(std::string_view record, bool keep) {
    if (text_.empty()) text_.assign(record);
    else text_.insert(0, record);
    for (Span& s : spans_) s.offset = s.offset & kInRecord ? s.offset & ~kInRecord : s.offset + record.size();
    record_size_ = keep ? record.size() : 0;
  }
  /// The same for a row whose cells are all spans of its record (a CSV
  /// record without doubled quotes): on a cleared row, push_record_span
  /// for each cell, then set_whole_record. No offset is moved afterwards.
  void push_record_span(std::size_t offset, std::size_t size) { spans_.push_back({offset, size}); }
  void set_whole_record(std::string_view record, bool keep) {
    text_.assign(record);
    record_size_ = keep ? record.size() : 0;
  }
  /// The record the cells were read from, as set_record gave it; empty
  /// when there is none.
  std::string_view record() const { return {text_.data(), record_size_}; }
  void push_back(std::string_view cell) {
    spans_.push_back({text_.size(), cell.size()});
    text_.append(cell);
  }
  /// Adds to the text of the last cell, which must be the last text added:
  /// a quoted CSV cell arrives in runs between its doubled quotes.
  void append_to_back(std::string_view more) {
    text_.append(more);
    spans_.back().size += more.size();
  }
  /// Cells past `n` are dropped; new ones are empty.
  void resize(std::size_t n) { spans_.resize(n, Span{text_.size(), 0}); }
  void assign(std::size_t n, std::string_view cell) {
    clear();
    for (std::size_t i = 0; i < n; ++i) push_back(cell);
  }
  /// Cell `i` (< size()) becomes `cell`.
  void set(std::size_t i, std::string_view cell) {
    spans_[i] = {text_.size(), cell.size()};
    text_.append(cell);
  }
  /// Owned copies, for code that keeps cells beyond the row.
  std::vector<std::string> strings() const { return {begin(), end()}; }

  friend bool operator==(const RowCells& a, const RowCells& b) { return equal(a, b.begin(), b.size()); }
  friend bool operator==(const RowCells& a, const std::vector<std::string>& b) { return equal(a, b.begin(), b.size()); }

 private:
  struct Span {
    std::size_t offset, size;
  };
  template <class It>
  static bool equal(const RowCells& a, It b, std::size_t n) {
    if (a.size() != n) return false;
    for (std::string_view cell : a)
      if (cell != std::string_view(*b++)) return false;
    return true;
  }
  static constexpr std::size_t kInRecord = ~(~std::size_t{0} >> 1);  ///< a span's offset is in the record to come
  std::string text_;
  std::vector<Span> spans_;
  std::size_t record_size_ = 0;
};

}  // namespace quanze
