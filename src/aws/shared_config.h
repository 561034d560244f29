// The AWS shared config and credentials files, read as the AWS CLI reads them.
//
//   ~/.aws/config (AWS_CONFIG_FILE)             ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE)
//     [default]                                   [default]
//     region = eu-west-1                          aws_access_key_id = AKIA...
//     [profile prod]                              aws_secret_access_key = ...
//     role_arn = arn:aws:iam::1:role/admin        [prod-keys]
//     source_profile = default                    aws_access_key_id = ...
//     services = local
//     [sso-session corp]
//     sso_start_url = https://corp.awsapps.com/start
//     [services local]
//     ec2 =
//       endpoint_url = http://127.0.0.1:5000
//
// Ini rules: "[section]" headers; "key = value" or "key: value" (keys lower-cased, values
// trimmed); whole-line comments start with '#' or ';' (no inline comments); an indented line
// after "key =" with no value is a nested "sub_key = value" of that key; an indented line
// after a key with a value continues that value. A repeated section merges into the first.
// Errors name file:line and never echo the line (it may hold a secret key).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/env.h"
#include "core/status.h"

namespace pave::aws {

struct IniSection {
  std::string name;  // between the brackets, trimmed: "default", "profile prod", "services x"
  int line = 0;      // of the (first) header
  std::map<std::string, std::string> values;
  std::map<std::string, std::map<std::string, std::string>> nested;  // "ec2" -> {endpoint_url}

  // The value of `key`, or "" when absent.
  std::string Get(const std::string& key) const;
  bool Has(const std::string& key) const { return values.contains(key); }
};

struct IniFile {
  std::string path;
  std::vector<IniSection> sections;  // in file order, repeated sections merged
};

Result<IniFile> ParseIni(std::string_view text, const std::string& path);

class SharedConfig {
 public:
  SharedConfig() = default;
  // Reads both files; a file that does not exist is empty. `~/` expands with HOME.
  static Result<SharedConfig> Load(Env* env);
  static Result<SharedConfig> FromText(std::string_view config_text, std::string config_path,
                                       std::string_view credentials_text,
                                       std::string credentials_path);

  // "[default]" or "[profile <name>]" of the config file; null when absent.
  const IniSection* ConfigProfile(const std::string& name) const;
  // "[<name>]" of the credentials file; null when absent.
  const IniSection* CredentialsProfile(const std::string& name) const;
  const IniSection* SsoSession(const std::string& name) const;
  const IniSection* Services(const std::string& name) const;
  bool HasProfile(const std::string& name) const;
  std::vector<std::string> ProfileNames() const;  // of both files, sorted, unique

  // A key of the profile, the credentials file winning over the config file (the AWS CLI
  // merges them that way); "" when neither has it.
  std::string Get(const std::string& profile, const std::string& key) const;
  bool Has(const std::string& profile, const std::string& key) const;

  const std::string& config_path() const { return config_.path; }
  const std::string& credentials_path() const { return credentials_.path; }

 private:
  const IniSection* Find(const IniFile& file, const std::string& name) const;

  IniFile config_;
  IniFile credentials_;
};

// Expands a leading "~/" (or a lone "~") with HOME from `env`.
std::string ExpandHome(Env* env, const std::string& path);

}  // namespace pave::aws
