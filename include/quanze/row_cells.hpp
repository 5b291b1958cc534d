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
/// written out again as it was read. Rows handed over one at a time while
/// the text they come from stays put are not copied at all: they view
/// their record where it lies (view_whole_record).
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
  // base_ points into the row's own text or at a viewed record: a copy or
  // a move points into its own text, or at the same record.
  RowCells(const RowCells& other)
      : text_(other.text_), spans_(other.span_at_, other.span_at_ + other.count_), record_size_(other.record_size_),
        viewing_(other.viewing_), view_size_(other.view_size_) {
    base_ = viewing_ ? other.base_ : text_.data();
    sync_spans();
  }
  RowCells(RowCells&& other) noexcept
      : text_(std::move(other.text_)), record_size_(other.record_size_), viewing_(other.viewing_),
        view_size_(other.view_size_) {
    take_spans(other);
    base_ = viewing_ ? other.base_ : text_.data();
    other.clear();
  }
  RowCells& operator=(const RowCells& other) {
    if (this != &other) *this = RowCells(other);
    return *this;
  }
  RowCells& operator=(RowCells&& other) noexcept {
    if (this == &other) return *this;
    text_ = std::move(other.text_);
    take_spans(other);
    record_size_ = other.record_size_;
    viewing_ = other.viewing_;
    view_size_ = other.view_size_;
    base_ = viewing_ ? other.base_ : text_.data();
    other.clear();
    return *this;
  }
  RowCells(std::initializer_list<std::string_view> cells) {
    for (std::string_view c : cells) push_back(c);
  }
  explicit RowCells(const std::vector<std::string>& cells) {
    for (const std::string& c : cells) push_back(c);
  }

  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  // const, so that `cells[i] = text`, which would assign to a temporary
  // view and change nothing, does not compile: set() changes a cell.
  const std::string_view operator[](std::size_t i) const { return {base_ + span_at_[i].offset, span_at_[i].size}; }
  const std::string_view front() const { return (*this)[0]; }
  const std::string_view back() const { return (*this)[size() - 1]; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  /// No cells; the storage stays for the next row.
  void clear() {
    text_.clear();
    spans_.clear();
    spans_viewed_ = false;
    sync_spans();
    record_size_ = 0;
    viewing_ = false;
    base_ = text_.data();
  }
  /// A cell that is `size` bytes at `offset` of the record that
  /// set_record() will give; until then the row is not to be read.
  void push_span(std::size_t offset, std::size_t size) {
    own_spans();
    spans_.push_back({offset | kInRecord, size});
    sync_spans();
  }
  /// Ends a row built with push_span: `record` goes before any text
  /// pushed or appended meanwhile (cells that are no span of it, such as a
  /// quoted cell whose doubled quotes were undone). record() gives it when
  /// `keep` (else the row has no record, as if read from a workbook).
  void set_record(std::string_view record, bool keep) {
    own_spans();
    if (text_.empty()) text_.assign(record);
    else text_.insert(0, record);
    for (Span& s : spans_) s.offset = s.offset & kInRecord ? s.offset & ~kInRecord : s.offset + record.size();
    record_size_ = keep ? record.size() : 0;
    viewing_ = false;
    base_ = text_.data();
  }
  /// Where a cell lies in its record: `size` bytes from `offset`.
  struct Span {
    std::size_t offset, size;
  };
  /// The same for a row whose cells are all spans of its record (a CSV
  /// record without doubled quotes): the cells, all at once (a parser
  /// finds them into an array of its own, unchecked), then
  /// set_whole_record. No offset is moved afterwards.
  void assign_record_spans(const Span* spans, std::size_t n) {
    spans_.assign(spans, spans + n);
    spans_viewed_ = false;
    sync_spans();
  }
  /// assign_record_spans without copying them: the cells are read from
  /// `spans`, which must stay as they are while the row is read (a
  /// parser's, for the record it hands over while it reads no other; with
  /// view_whole_record). A copy of the row owns its spans; changing a cell
  /// first copies them in.
  void view_record_spans(const Span* spans, std::size_t n) {
    spans_.clear();
    span_at_ = spans;
    count_ = n;
    spans_viewed_ = true;
  }
  void set_whole_record(std::string_view record, bool keep) {
    text_.assign(record);
    record_size_ = keep ? record.size() : 0;
    viewing_ = false;
    base_ = text_.data();
  }
  /// set_whole_record without copying the record: the cells view it where
  /// it lies, which must stay put until the row is read no more (a CSV
  /// parser's row handed to its reader, record by record, while the text
  /// it parses does not change). A row copied from this one views the same
  /// text. Changing a cell first copies the record in.
  void view_whole_record(std::string_view record, bool keep) {
    text_.clear();
    viewing_ = true;
    base_ = record.data();
    view_size_ = record.size();
    record_size_ = keep ? record.size() : 0;
  }
  /// Where the row's text begins: every cell lies in one buffer from here,
  /// and the bytes between it and a cell may be read (a decoder reads
  /// words that end where a cell does).
  const char* readable_from() const { return base_; }
  /// The record the cells were read from, as set_record gave it; empty
  /// when there is none.
  std::string_view record() const { return {base_, record_size_}; }
  void push_back(std::string_view cell) {
    own();
    spans_.push_back({text_.size(), cell.size()});
    sync_spans();
    text_.append(cell);
    base_ = text_.data();
  }
  /// Adds to the text of the last cell, which must be the last text added:
  /// a quoted CSV cell arrives in runs between its doubled quotes.
  void append_to_back(std::string_view more) {
    own();
    text_.append(more);
    spans_.back().size += more.size();
    base_ = text_.data();
  }
  /// Cells past `n` are dropped; new ones are empty.
  void resize(std::size_t n) {
    own();
    spans_.resize(n, Span{text_.size(), 0});
    sync_spans();
  }
  void assign(std::size_t n, std::string_view cell) {
    clear();
    for (std::size_t i = 0; i < n; ++i) push_back(cell);
  }
  /// Cell `i` (< size()) becomes `cell`.
  void set(std::size_t i, std::string_view cell) {
    own();
    spans_[i] = {text_.size(), cell.size()};
    text_.append(cell);
    base_ = text_.data();
  }
  /// Owned copies, for code that keeps cells beyond the row.
  std::vector<std::string> strings() const { return {begin(), end()}; }

  friend bool operator==(const RowCells& a, const RowCells& b) { return equal(a, b.begin(), b.size()); }
  friend bool operator==(const RowCells& a, const std::vector<std::string>& b) { return equal(a, b.begin(), b.size()); }

 private:
  template <class It>
  static bool equal(const RowCells& a, It b, std::size_t n) {
    if (a.size() != n) return false;
    for (std::string_view cell : a)
      if (cell != std::string_view(*b++)) return false;
    return true;
  }
  static constexpr std::size_t kInRecord = ~(~std::size_t{0} >> 1);  ///< a span's offset is in the record to come
  /// A viewed record becomes the row's own text, at the same offsets, and
  /// viewed spans its own spans.
  void own() {
    own_spans();
    if (!viewing_) return;
    text_.assign(base_, view_size_);
    viewing_ = false;
    base_ = text_.data();
  }
  void own_spans() {
    if (!spans_viewed_) return;
    spans_.assign(span_at_, span_at_ + count_);
    spans_viewed_ = false;
    sync_spans();
  }
  /// After spans_ changed: the cells are read through span_at_ and count_.
  void sync_spans() {
    span_at_ = spans_.data();
    count_ = spans_.size();
  }
  /// Moves `other`'s spans here, owned (a view is copied).
  void take_spans(RowCells& other) {
    if (other.spans_viewed_) spans_.assign(other.span_at_, other.span_at_ + other.count_);
    else spans_ = std::move(other.spans_);
    spans_viewed_ = false;
    sync_spans();
  }
  std::string text_;
  std::vector<Span> spans_;  ///< the cells, unless viewed (view_record_spans)
  /// Where the cells' spans are read: spans_, or viewed spans. Kept by
  /// every change, as base_ is.
  const Span* span_at_ = nullptr;
  std::size_t count_ = 0;
  bool spans_viewed_ = false;
  std::size_t record_size_ = 0;
  bool viewing_ = false;  ///< the cells are in a viewed record (view_whole_record), not in text_
  std::size_t view_size_ = 0;
  /// Where the cells' offsets count from: text_.data(), or the viewed
  /// record. Kept by every change, so that reading a cell is one add.
  const char* base_ = text_.data();
};

}  // namespace quanze
