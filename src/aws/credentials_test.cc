// Credentials basics: timestamps, DebugString, the refresh cache, the environment source and
// the chain's rules.
#include "aws/credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "aws/credentials_chain.h"
#include "aws/credentials_env.h"
#include "aws/credentials_refresh.h"
#include "testing/overlay_env.h"

namespace pave::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using std::chrono::minutes;
using std::chrono::seconds;
using testing::OverlayEnv;

std::chrono::system_clock::time_point T(const char* iso) { return *ParseAwsTimestamp(iso); }

TEST(TimestampTest, ParsesTheFormsAwsUses) {
  auto base = std::chrono::system_clock::from_time_t(1767322800);  // 2026-01-02T03:00:00Z
  EXPECT_EQ(T("2026-01-02T03:00:00Z"), base);
  EXPECT_EQ(T("2026-01-02T03:00:00.250Z"), base + std::chrono::milliseconds(250));
  EXPECT_EQ(T("2026-01-02T03:00:00+00:00"), base);
  EXPECT_EQ(T("2026-01-02T03:00:00UTC"), base);
  EXPECT_EQ(T("2026-01-02 03:00:00Z"), base);
  for (const char* bad : {"", "yesterday", "2026-13-02T03:00:00Z", "2026-01-02T03:00:00+02:00",
                          "2026-01-02T03:00Z", "2026-01-02"}) {
    EXPECT_FALSE(ParseAwsTimestamp(bad).ok()) << bad;
  }
  EXPECT_EQ(FormatAwsTimestamp(base), "2026-01-02T03:00:00Z");
}

TEST(CredentialsTest, DebugStringHidesTheSecrets) {
  Credentials c{.access_key_id = "AKIAIOSFODNN7EXAMPLE",
                .secret_access_key = "CANARYSECRETKEY",
                .session_token = "CANARYTOKEN",
                .expiration = T("2026-01-02T03:00:00Z"),
                .source = "environment"};
  std::string s = DebugString(c);
  EXPECT_EQ(s, "AKIA…MPLE from environment, expires 2026-01-02T03:00:00Z");
  EXPECT_THAT(s, Not(HasSubstr("CANARY")));
}

struct CountingFetch {
  OverlayEnv* env;
  std::chrono::seconds lifetime;
  std::atomic<int> calls{0};
  Result<Credentials> operator()() {
    int n = ++calls;
    return Credentials{.access_key_id = "KEY" + std::to_string(n),
                       .secret_access_key = "s",
                       .expiration = env->Now() + lifetime};
  }
};

TEST(RefreshingProviderTest, CachesAndRefreshesFiveMinutesAhead) {
  OverlayEnv env;
  env.SetNow(T("2026-01-01T00:00:00Z"));
  CountingFetch fetch{&env, std::chrono::hours(1)};
  RefreshingCredentialsProvider p(&env, [&] { return fetch(); });
  EXPECT_EQ(p.Get()->access_key_id, "KEY1");
  env.Advance(minutes(54));
  EXPECT_EQ(p.Get()->access_key_id, "KEY1");  // 6 minutes left: still fresh
  env.Advance(minutes(2));
  EXPECT_EQ(p.Get()->access_key_id, "KEY2");  // 4 minutes left: refreshed
  EXPECT_EQ(fetch.calls, 2);
}

TEST(RefreshingProviderTest, FailedRefreshServesCachedUntilExpiry) {
  OverlayEnv env;
  env.SetNow(T("2026-01-01T00:00:00Z"));
  bool fail = false;
  RefreshingCredentialsProvider p(&env, [&]() -> Result<Credentials> {
    if (fail) return Status::Unavailable("sts is down");
    return Credentials{.access_key_id = "OLD", .secret_access_key = "s",
                       .expiration = T("2026-01-01T01:00:00Z")};
  });
  ASSERT_TRUE(p.Get().ok());
  fail = true;
  env.Advance(minutes(57));
  auto still = p.Get();
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->access_key_id, "OLD");
  env.Advance(minutes(3));
  auto expired = p.Get();
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.status().code(), StatusCode::kUnavailable);
}

TEST(RefreshingProviderTest, LongTermCredentialsAreFetchedOnce) {
  OverlayEnv env;
  int calls = 0;
  RefreshingCredentialsProvider p(&env, [&]() -> Result<Credentials> {
    ++calls;
    return Credentials{.access_key_id = "K", .secret_access_key = "s"};
  });
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(p.Get().ok());
  env.Advance(std::chrono::hours(100));
  ASSERT_TRUE(p.Get().ok());
  EXPECT_EQ(calls, 1);
}

TEST(RefreshingProviderTest, ShortLivedCredentialsAreNotFetchedOnEveryCall) {
  OverlayEnv env;
  env.SetNow(T("2026-01-01T00:00:00Z"));
  CountingFetch fetch{&env, minutes(2)};  // already inside the 5-minute window
  RefreshingCredentialsProvider p(&env, [&] { return fetch(); });
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(p.Get().ok());
  EXPECT_EQ(fetch.calls, 1);
  env.Advance(seconds(31));
  ASSERT_TRUE(p.Get().ok());
  EXPECT_EQ(fetch.calls, 2);
}

TEST(RefreshingProviderTest, OneRefreshAtATimeAcrossThreads) {
  OverlayEnv env;
  env.SetNow(T("2026-01-01T00:00:00Z"));
  std::atomic<int> concurrent{0}, max_concurrent{0}, calls{0};
  RefreshingCredentialsProvider p(&env, [&]() -> Result<Credentials> {
    int now = ++concurrent;
    max_concurrent = std::max(max_concurrent.load(), now);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ++calls;
    --concurrent;
    return Credentials{.access_key_id = "K", .secret_access_key = "s",
                       .expiration = T("2026-01-01T01:00:00Z")};
  });
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 5; ++j) ok += p.Get().ok();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 40);
  EXPECT_EQ(max_concurrent, 1);
  EXPECT_EQ(calls, 1);
}

TEST(EnvironmentProviderTest, ReadsKeysTokenAndExpiration) {
  OverlayEnv env;
  EnvironmentCredentialsProvider p(&env);
  EXPECT_EQ(p.Get().status().code(), StatusCode::kNotFound);
  env.SetVar("AWS_ACCESS_KEY_ID", "AKIAENV");
  auto partial = p.Get();
  ASSERT_FALSE(partial.ok());
  EXPECT_EQ(partial.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(partial.status().message(), HasSubstr("AWS_SECRET_ACCESS_KEY is not"));
  env.SetVar("AWS_SECRET_ACCESS_KEY", "secret");
  env.SetVar("AWS_SECURITY_TOKEN", "legacy-token");
  env.SetVar("AWS_CREDENTIAL_EXPIRATION", "2026-05-01T00:00:00Z");
  auto c = p.Get();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->access_key_id, "AKIAENV");
  EXPECT_EQ(c->session_token, "legacy-token");
  EXPECT_EQ(c->source, "environment");
  EXPECT_EQ(c->expiration, T("2026-05-01T00:00:00Z"));
  env.SetVar("AWS_SESSION_TOKEN", "token");
  EXPECT_EQ(p.Get()->session_token, "token");
}

std::shared_ptr<CredentialsProvider> Fixed(Result<Credentials> r, int* calls = nullptr) {
  struct P : CredentialsProvider {
    Result<Credentials> r;
    int* calls;
    P(Result<Credentials> r, int* c) : r(std::move(r)), calls(c) {}
    Result<Credentials> Get() override {
      if (calls) ++*calls;
      return r;
    }
  };
  return std::make_shared<P>(std::move(r), calls);
}

TEST(ChainTest, SkipsUnconfiguredSourcesStopsAtErrorsAndSticks) {
  int made = 0;
  auto link = [&](const char* name, Result<Credentials> r) {
    return ChainCredentialsProvider::Link{name, [&made, r]() -> Result<std::shared_ptr<CredentialsProvider>> {
                                             ++made;
                                             return Fixed(r);
                                           }};
  };
  ChainCredentialsProvider chain(
      {link("a", Status::NotFound("not here")),
       link("b", Credentials{.access_key_id = "B", .secret_access_key = "s"}),
       link("c", Credentials{.access_key_id = "C", .secret_access_key = "s"})},
      "default");
  EXPECT_EQ(chain.Get()->access_key_id, "B");
  EXPECT_EQ(chain.Get()->access_key_id, "B");
  EXPECT_EQ(made, 2);  // resolved once, then stuck to b

  ChainCredentialsProvider broken({link("a", Status::PermissionDenied("sts said no")),
                                   link("b", Credentials{.access_key_id = "B", .secret_access_key = "s"})},
                                  "prod");
  EXPECT_EQ(broken.Get().status().code(), StatusCode::kPermissionDenied);

  ChainCredentialsProvider empty({link("environment", Status::NotFound("x")),
                                  link("instance metadata", Status::NotFound("y"))},
                                 "dev");
  auto none = empty.Get();
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(none.status().message().rfind(
                "no aws credentials found for profile dev (tried environment, instance metadata): "
                "sign in with `aws sso login --profile dev`",
                0),
            0u)
      << none.status().message();
  EXPECT_NE(none.status().message().find("AWS_PROFILE"), std::string::npos);
  EXPECT_NE(none.status().message().find("pave aws whoami"), std::string::npos);
}

// A machine off EC2 whose metadata address answers with an error still gets "no credentials",
// not the metadata error of the last source tried.
TEST(ChainTest, AFailingProbeIsNotConfigured) {
  auto imds = ChainCredentialsProvider::Link{
      "instance metadata",
      []() -> Result<std::shared_ptr<CredentialsProvider>> {
        return Fixed(Status::Unavailable("instance metadata token: http 500"));
      },
      /*probe=*/true};
  ChainCredentialsProvider chain({imds}, "default");
  auto none = chain.Get();
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kUnauthenticated) << none.status().message();
  EXPECT_EQ(none.status().message().find("http 500"), std::string::npos);
}

}  // namespace
}  // namespace pave::aws
