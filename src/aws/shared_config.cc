#include "aws/shared_config.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace pave::aws {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// What the parser remembers between lines.
struct IniParser {
  IniFile file;
  IniSection* section = nullptr;
  std::string last_key;  // in `section`, for indented lines that follow it

  Status Error(int line, const std::string& what) const {
    return Status::InvalidArgument(file.path + ":" + std::to_string(line) + ": " + what);
  }

  Status Header(std::string_view line, int number) {
    if (line.back() != ']') return Error(number, "section header is missing its closing ']'");
    std::string name(Trim(line.substr(1, line.size() - 2)));
    if (name.empty()) return Error(number, "empty section name");
    auto it = std::find_if(file.sections.begin(), file.sections.end(),
                           [&](const IniSection& s) { return s.name == name; });
    if (it == file.sections.end()) {
      file.sections.push_back(IniSection{.name = name, .line = number});
      it = file.sections.end() - 1;
    }
    section = &*it;
    last_key.clear();
    return Status::Ok();
  }

  Status Indented(std::string_view line, int number) {
    const std::string& value = section->values[last_key];
    if (!value.empty()) {  // continues a multi-line value
      section->values[last_key] = value + "\n" + std::string(line);
      return Status::Ok();
    }
    size_t eq = line.find_first_of("=:");
    if (eq == std::string_view::npos) return Error(number, "expected 'key = value' (nested)");
    std::string key = Lower(Trim(line.substr(0, eq)));
    if (key.empty()) return Error(number, "missing key before '='");
    section->nested[last_key][key] = std::string(Trim(line.substr(eq + 1)));
    return Status::Ok();
  }

  Status KeyValue(std::string_view line, int number) {
    if (section == nullptr) return Error(number, "'key = value' before any [section]");
    size_t eq = line.find_first_of("=:");
    if (eq == std::string_view::npos) return Error(number, "expected '[section]' or 'key = value'");
    std::string key = Lower(Trim(line.substr(0, eq)));
    if (key.empty()) return Error(number, "missing key before '='");
    section->values[key] = std::string(Trim(line.substr(eq + 1)));
    last_key = key;
    return Status::Ok();
  }

  Status Line(std::string_view raw, int number) {
    std::string_view line = Trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') return Status::Ok();
    if (line[0] == '[') return Header(line, number);
    bool indented = std::isspace(static_cast<unsigned char>(raw[0]));
    if (indented && section != nullptr && !last_key.empty()) return Indented(line, number);
    return KeyValue(line, number);
  }
};

// "profile prod" -> "prod"; "default" -> "default"; other names -> "".
std::string ConfigProfileName(const std::string& section) {
  if (section == "default") return section;
  if (!section.starts_with("profile") || section.size() <= 7 ||
      !std::isspace(static_cast<unsigned char>(section[7]))) {
    return "";
  }
  return std::string(Trim(std::string_view(section).substr(7)));
}

std::string PrefixedName(const std::string& section, std::string_view prefix) {
  if (!section.starts_with(prefix) || section.size() <= prefix.size() ||
      !std::isspace(static_cast<unsigned char>(section[prefix.size()]))) {
    return "";
  }
  return std::string(Trim(std::string_view(section).substr(prefix.size())));
}

Result<IniFile> ReadIni(Env* env, const std::string& path) {
  if (path.empty() || !env->FileExists(path)) return IniFile{.path = path};
  auto text = env->ReadFile(path);
  if (!text.ok()) return text.status().WithContext("cannot read " + path);
  return ParseIni(*text, path);
}

}  // namespace

std::string IniSection::Get(const std::string& key) const {
  auto it = values.find(key);
  return it == values.end() ? "" : it->second;
}

Result<IniFile> ParseIni(std::string_view text, const std::string& path) {
  IniParser parser;
  parser.file.path = path;
  int number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    RETURN_IF_ERROR(parser.Line(line, ++number));
    pos = eol + 1;
  }
  return std::move(parser.file);
}

std::string ExpandHome(Env* env, const std::string& path) {
  if (path != "~" && !path.starts_with("~/")) return path;
  std::string home = env->GetEnv("HOME").value_or("");
  return home + path.substr(1);
}

Result<SharedConfig> SharedConfig::Load(Env* env) {
  std::string config_path = env->GetEnv("AWS_CONFIG_FILE").value_or("~/.aws/config");
  std::string creds_path =
      env->GetEnv("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials");
  bool no_home = env->GetEnv("HOME").value_or("").empty();
  SharedConfig config;
  if (!(no_home && config_path.starts_with("~"))) {
    ASSIGN_OR_RETURN(config.config_, ReadIni(env, ExpandHome(env, config_path)));
  }
  if (!(no_home && creds_path.starts_with("~"))) {
    ASSIGN_OR_RETURN(config.credentials_, ReadIni(env, ExpandHome(env, creds_path)));
  }
  return config;
}

Result<SharedConfig> SharedConfig::FromText(std::string_view config_text, std::string config_path,
                                            std::string_view credentials_text,
                                            std::string credentials_path) {
  SharedConfig config;
  ASSIGN_OR_RETURN(config.config_, ParseIni(config_text, config_path));
  ASSIGN_OR_RETURN(config.credentials_, ParseIni(credentials_text, credentials_path));
  return config;
}

const IniSection* SharedConfig::ConfigProfile(const std::string& name) const {
  // "[profile default]" and "[default]" both name the default profile; the later one wins.
  const IniSection* found = nullptr;
  for (const auto& s : config_.sections) {
    if (ConfigProfileName(s.name) == name) found = &s;
  }
  return found;
}

const IniSection* SharedConfig::CredentialsProfile(const std::string& name) const {
  return Find(credentials_, name);
}

const IniSection* SharedConfig::SsoSession(const std::string& name) const {
  for (const auto& s : config_.sections) {
    if (PrefixedName(s.name, "sso-session") == name) return &s;
  }
  return nullptr;
}

const IniSection* SharedConfig::Services(const std::string& name) const {
  for (const auto& s : config_.sections) {
    if (PrefixedName(s.name, "services") == name) return &s;
  }
  return nullptr;
}

const IniSection* SharedConfig::Find(const IniFile& file, const std::string& name) const {
  for (const auto& s : file.sections) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

bool SharedConfig::HasProfile(const std::string& name) const {
  return ConfigProfile(name) != nullptr || CredentialsProfile(name) != nullptr;
}

std::vector<std::string> SharedConfig::ProfileNames() const {
  std::set<std::string> names;
  for (const auto& s : config_.sections) {
    if (std::string n = ConfigProfileName(s.name); !n.empty()) names.insert(n);
  }
  for (const auto& s : credentials_.sections) names.insert(s.name);
  return {names.begin(), names.end()};
}

std::string SharedConfig::Get(const std::string& profile, const std::string& key) const {
  if (const IniSection* c = CredentialsProfile(profile); c != nullptr && c->Has(key)) {
    return c->Get(key);
  }
  const IniSection* p = ConfigProfile(profile);
  return p == nullptr ? "" : p->Get(key);
}

bool SharedConfig::Has(const std::string& profile, const std::string& key) const {
  const IniSection* c = CredentialsProfile(profile);
  const IniSection* p = ConfigProfile(profile);
  return (c != nullptr && c->Has(key)) || (p != nullptr && p->Has(key));
}

}  // namespace pave::aws
