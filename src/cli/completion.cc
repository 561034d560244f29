#include "cli/completion.h"

#include <sstream>

#include "cli/workspace.h"

namespace pave::cli {
namespace {

const char kBash[] = R"sh(# pave completion for bash: source <(pave completion bash)
_pave() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" words=""
  case "$prev" in
    pave) words="$(pave __complete commands 2>/dev/null)" ;;
    show|mv|rm) words="$(pave __complete addresses 2>/dev/null)" ;;
    outputs) words="$(pave __complete outputs 2>/dev/null)" ;;
    state) words="list show mv rm unlock restore init migrate" ;;
    eks) words="token" ;;
    aws) words="whoami call" ;;
    completion) words="bash zsh fish" ;;
    -f|--file|-o|--out) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _pave pave
)sh";

const char kZsh[] = R"sh(#compdef pave
# pave completion for zsh: pave completion zsh > "${fpath[1]}/_pave"
_pave() {
  local prev="${words[CURRENT-1]}"
  local -a list
  case "$prev" in
    pave) list=(${(f)"$(pave __complete commands 2>/dev/null)"}) ;;
    show|mv|rm) list=(${(f)"$(pave __complete addresses 2>/dev/null)"}) ;;
    outputs) list=(${(f)"$(pave __complete outputs 2>/dev/null)"}) ;;
    state) list=(list show mv rm unlock restore init migrate) ;;
    eks) list=(token) ;;
    aws) list=(whoami call) ;;
    completion) list=(bash zsh fish) ;;
    -f|--file|-o|--out) _files; return ;;
  esac
  compadd -a list
}
compdef _pave pave
)sh";

const char kFish[] = R"sh(# pave completion for fish: pave completion fish > ~/.config/fish/completions/pave.fish
complete -c pave -f
complete -c pave -n "__fish_use_subcommand" -a "(pave __complete commands 2>/dev/null)"
complete -c pave -n "__fish_seen_subcommand_from show mv rm" -a "(pave __complete addresses 2>/dev/null)"
complete -c pave -n "__fish_seen_subcommand_from outputs" -a "(pave __complete outputs 2>/dev/null)"
complete -c pave -n "__fish_seen_subcommand_from state; and not __fish_seen_subcommand_from list show mv rm unlock restore init migrate" -a "list show mv rm unlock restore init migrate"
complete -c pave -n "__fish_seen_subcommand_from eks" -a "token"
complete -c pave -n "__fish_seen_subcommand_from aws; and not __fish_seen_subcommand_from whoami call" -a "whoami call"
complete -c pave -n "__fish_seen_subcommand_from completion" -a "bash zsh fish"
)sh";

void Addresses(CommandContext& ctx) {
  auto store = OpenStateOnly(ctx.env, ctx.options);
  if (!store.ok()) return;
  auto loaded = (*store)->Load();
  if (!loaded.ok()) return;
  for (const auto& r : loaded->state.resources()) ctx.console.out << r.address.ToString() << "\n";
}

void Outputs(CommandContext& ctx) {
  std::ostringstream discard;
  Printer quiet(discard, discard, false);
  auto ws = Workspace::Open(ctx.env, ctx.options, quiet);
  if (!ws.ok()) return;
  for (const auto& o : (*ws)->platform().config.outputs) ctx.console.out << o.name << "\n";
}

}  // namespace

std::string CompletionScript(const std::string& shell) {
  if (shell == "bash") return kBash;
  if (shell == "zsh") return kZsh;
  if (shell == "fish") return kFish;
  return "";
}

int RunCompletion(CommandContext& ctx, const std::string& shell) {
  std::string script = CompletionScript(shell);
  if (script.empty()) {
    ctx.console.err << "pave: error: no completion for shell \"" << shell
                    << "\" (bash, zsh or fish)\n";
    return 1;
  }
  ctx.console.out << script;
  return 0;
}

int RunComplete(CommandContext& ctx, const std::string& what,
                const std::vector<std::string>& commands) {
  if (what == "commands") {
    for (const auto& c : commands) ctx.console.out << c << "\n";
  } else if (what == "addresses") {
    Addresses(ctx);
  } else if (what == "outputs") {
    Outputs(ctx);
  }
  return 0;
}

}  // namespace pave::cli
