import type { ParseArgsOptionsConfig } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { globalOptions } from '../run';

const shells = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof shells)[number];

/** Option values the shell can offer: files where a file is asked for, the formats where one is. */
const fileOptions = new Set(['out', 'credentials']);

function optionsOf(command: CliCommand): string[] {
  const all: ParseArgsOptionsConfig = { ...globalOptions, ...command.options };
  return Object.keys(all).map((name) => `--${name}`);
}

function bash(commands: readonly CliCommand[]): string {
  const cases = commands.map((c) => `    ${c.name}) opts="${optionsOf(c).join(' ')}" ;;`).join('\n');
  return `# agent-connections completion for bash: eval "$(agent-connections completion bash)"
_agent_connections() {
  local cur prev cmd opts i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      --org-profile|--target-org|-o) ((i++)) ;;
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
    --out|--credentials) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "json csv md" -- "$cur")); return ;;
  esac
  if [ -z "$cmd" ]; then
    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} --org-profile --target-org --json --no-color --help --version" -- "$cur"))
    return
  fi
  case "$cmd" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _agent_connections agent-connections
`;
}

const quote = (text: string) => text.replace(/'/g, "'\\''");

function zsh(commands: readonly CliCommand[]): string {
  const names = commands.map((c) => `'${c.name}:${quote(c.summary).replace(/:/g, '\\:')}'`).join(' ');
  const cases = commands
    .map(
      (c) =>
        `    ${c.name}) _arguments ${optionsOf(c)
          .map((o) => `'${o}[]${fileOptions.has(o.slice(2)) ? ':file:_files' : ''}'`)
          .join(' ')} ;;`,
    )
    .join('\n');
  return `#compdef agent-connections
# agent-connections completion for zsh: agent-connections completion zsh > "\${fpath[1]}/_agent-connections"
_agent_connections() {
  local -a cmds
  cmds=(${names})
  if (( CURRENT == 2 )); then
    _describe 'command' cmds
    return
  fi
  case "$words[2]" in
${cases}
  esac
}
compdef _agent_connections agent-connections
`;
}

function fish(commands: readonly CliCommand[]): string {
  const lines = ['# agent-connections completion for fish: agent-connections completion fish | source', 'complete -c agent-connections -f'];
  for (const c of commands) {
    lines.push(`complete -c agent-connections -n __fish_use_subcommand -a ${c.name} -d '${quote(c.summary)}'`);
    for (const name of Object.keys({ ...globalOptions, ...c.options })) {
      const files = fileOptions.has(name) ? ' -r -F' : name === 'format' ? " -r -a 'json csv md'" : '';
      lines.push(`complete -c agent-connections -n '__fish_seen_subcommand_from ${c.name}' -l ${name}${files}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const scripts: Record<Shell, (commands: readonly CliCommand[]) => string> = { bash, zsh, fish };

/** `completion bash|zsh|fish`: the shell's completion script for every command and its options. */
export function completionCommand(all: () => readonly CliCommand[]): CliCommand {
  return {
    name: 'completion',
    summary: 'Print the shell completion script: eval "$(agent-connections completion bash)"; zsh and fish alike.',
    usage: 'bash|zsh|fish',
    options: {},
    profile: 'chooses',
    takesArguments: true,
    run(context) {
      const [shell, extra] = context.positionals;
      if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
      if (!shells.includes(shell as Shell)) throw new UsageError('Name the shell: completion bash, completion zsh or completion fish.');
      const script = scripts[shell as Shell](all());
      context.result({ shell, script });
      context.io.out(script.trimEnd());
      return Promise.resolve(0);
    },
  };
}
