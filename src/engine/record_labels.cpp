// English ids for records and Chinese labels for people (DESIGN.md part 5).
#include "quanze/record.hpp"

namespace quanze {

std::string_view status_id(Status s) {
  switch (s) {
    case Status::decided: return "decided";
    case Status::conflict: return "conflict";
    case Status::undecided: return "undecided";
    case Status::rejected: return "rejected";
    case Status::error: return "error";
  }
  return "error";
}

std::string_view outcome_id(Outcome o) {
  switch (o) {
    case Outcome::cancel: return "cancel";
    case Outcome::keep: return "keep";
    case Outcome::filing: return "filing";
    case Outcome::delegate: return "delegate";
  }
  return "keep";
}

std::string_view mode_id(Mode m) {
  switch (m) {
    case Mode::authorization: return "authorization";
    case Mode::entrustment: return "entrustment";
    case Mode::direct: return "direct";
  }
  return "direct";
}

std::string_view status_label(Status s) {
  switch (s) {
    case Status::decided: return "已决定";
    case Status::conflict: return "冲突";
    case Status::undecided: return "未决定";
    case Status::rejected: return "驳回";
    case Status::error: return "错误";
  }
  return "错误";
}

std::string_view outcome_label(Outcome o) {
  switch (o) {
    case Outcome::cancel: return "取消";
    case Outcome::keep: return "保留";
    case Outcome::filing: return "改为备案";
    case Outcome::delegate: return "下放";
  }
  return "保留";
}

std::string_view mode_label(Mode m) {
  switch (m) {
    case Mode::authorization: return "法定授权";
    case Mode::entrustment: return "委托实施";
    case Mode::direct: return "直接下放";
  }
  return "直接下放";
}

}  // namespace quanze
