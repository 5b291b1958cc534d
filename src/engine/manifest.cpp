#include "quanze/manifest.hpp"

#include <openssl/evp.h>

#include <stdexcept>

#include "eval/program.hpp"
#include "io/record_json.hpp"

namespace quanze {

struct Sha256::Context {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
  if (!context_->ctx || !EVP_DigestInit_ex(context_->ctx, EVP_sha256(), nullptr))
    throw std::runtime_error("SHA-256 failed");
}
Sha256::~Sha256() = default;

void Sha256::add(std::string_view bytes) { EVP_DigestUpdate(context_->ctx, bytes.data(), bytes.size()); }

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!EVP_DigestFinal_ex(context_->ctx, digest, &length)) throw std::runtime_error("SHA-256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.add(bytes);
  return hash.hex();
}

std::string_view engine_version() { return QUANZE_VERSION; }

Manifest make_manifest(const Policy& policy, const Table* table, std::vector<std::string> command) {
  Manifest m;
  m.engine = "quanze " + std::string(engine_version());
  if (!command.empty()) command[0] = "quanze";  // the path it was run by differs between machines
  m.command = std::move(command);
  m.policy = std::string(policy.name());
  m.policy_version = std::string(policy.version());
  const SourceSet& sources = policy.program().sources;
  for (FileId f = 0; f < sources.size(); ++f)
    m.rules.push_back({sources.file(f).path(), sha256_hex(sources.file(f).text())});
  if (table) m.input = {table->source, table->sha256};  // else no list was read: both empty
  return m;
}

std::string manifest_to_json(const Manifest& m, int indent) {
  Json rules = Json::array();
  for (const FileDigest& d : m.rules) rules.push_back({{"file", d.file}, {"sha256", d.sha256}});
  Json j = {{"engine", m.engine},
            {"command", m.command},
            {"policy", m.policy},
            {"policy_version", m.policy_version},
            {"rules", rules},
            // A list read from a pipe is hashed only as its rows are classified,
            // after the manifest is written: its hash is not known, and null says so.
            {"input", {{"file", m.input.file},
                       {"sha256", m.input.sha256.empty() && !m.input.file.empty() ? Json(nullptr)
                                                                                   : Json(m.input.sha256)}}},
            {"as_of", m.as_of.empty() ? Json(nullptr) : Json(m.as_of)}};
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace quanze
