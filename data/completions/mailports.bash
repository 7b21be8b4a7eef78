# bash completion for mailports(1)                         -*- shell-script -*-
#
# Installed as share/bash-completion/completions/mailports, where the
# bash-completion package loads it on demand. It does not need that package:
# without it, source this file from ~/.bashrc.
#
# Provider domains (--domain, --email USER@...), port numbers (check --port,
# explain) and client formats (config, lint --format) are asked from the
# mailports on PATH when needed, so they follow
# the data compiled into it (or MAILPORTS_PROVIDERS); without mailports on
# PATH they complete to nothing.

# Print provider domains, one a line. Reads the "domains" arrays of
# 'mailports providers --json', pretty-printed or compact; no jq needed.
_mailports_domains()
{
    command -v mailports >/dev/null 2>&1 || return 0
    command mailports providers --json 2>/dev/null |
        tr -d '\n' |
        grep -o '"domains":[[:space:]]*\[[^]]*\]' |
        grep -o '"[^"]*"' |
        sed -e '/^"domains"$/d' -e 's/"//g'
}

# Print the ports in the rules table, one a line.
_mailports_ports()
{
    command -v mailports >/dev/null 2>&1 || return 0
    command mailports ports --json 2>/dev/null |
        grep -o '"port":[[:space:]]*[0-9]*' |
        grep -o '[0-9]*$' |
        sort -un
}

# Print the client formats of 'mailports config --formats' (or lint's, with
# "lint"), one a line: the one table the binary has.
_mailports_formats()
{
    command -v mailports >/dev/null 2>&1 || return 0
    command mailports "${1:-config}" --formats 2>/dev/null | cut -f1
}

# Set COMPREPLY from lines on standard input (no word splitting or globbing),
# each prefixed with $1.
_mailports_reply()
{
    local line
    COMPREPLY=()
    while IFS= read -r line; do
        [[ -n $line ]] && COMPREPLY+=("$1$line")
    done
}

_mailports()
{
    local cur prev prefix='' cmd='' i w
    local -i npos=0 batch=0
    cur=${COMP_WORDS[COMP_CWORD]-}
    prev=''
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

    # --tls=s: with '=' in COMP_WORDBREAKS (the default) bash gives the words
    # "--tls" "=" "s"; without it, the one word "--tls=s".
    if [[ $cur == = ]]; then
        cur=''
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        prefix=$prev=
        cur=${cur#*=}
    fi

    # The command is the first word that is neither an option nor an
    # option's value; count the positional words after it.
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
            --rules | --providers | --diagnoses | --lang | --color | --proto | --port | --tls | \
                --role | --prefer | --email | --domain | --search | --timeout | --ca-file | --source | \
                --dns-server | --file | --host | --user | --account | --client-version | --output | --format | --as | \
                --service | --region | --hosting)
                # Its value is the next word, or the one after "=".
                if [[ ${COMP_WORDS[i + 1]-} == = ]]; then
                    ((i += 2))
                else
                    ((i += 1))
                fi
                ;;
            --batch)
                # An optional value: FILE or - (standard input).
                batch=1
                if [[ ${COMP_WORDS[i + 1]-} == = ]]; then
                    ((i += 2))
                elif [[ ${COMP_WORDS[i + 1]-} != -?* ]]; then
                    ((i += 1))
                fi
                ;;
            -* | =) ;;
            *)
                if [[ -z $cmd ]]; then
                    cmd=$w
                else
                    npos+=1
                fi
                ;;
        esac
    done

    case $prev in
        --proto)
            _mailports_reply "$prefix" < <(compgen -W 'smtp imap pop3' -- "$cur")
            return 0
            ;;
        --as)
            _mailports_reply "$prefix" < <(compgen -W 'smtp submission submissions imap imaps pop3 pop3s' -- "$cur")
            return 0
            ;;
        --tls)
            _mailports_reply "$prefix" < <(compgen -W 'none starttls opportunistic implicit
                plain off cleartext explicit may starttls-optional ssl tls ssl/tls' -- "$cur")
            return 0
            ;;
        --role)
            _mailports_reply "$prefix" < <(compgen -W 'client relay' -- "$cur")
            return 0
            ;;
        --prefer)
            _mailports_reply "$prefix" < <(compgen -W 'implicit starttls' -- "$cur")
            return 0
            ;;
        --lang)
            _mailports_reply "$prefix" < <(compgen -W 'en ja' -- "$cur")
            return 0
            ;;
        --color)
            _mailports_reply "$prefix" < <(compgen -W 'auto always never' -- "$cur")
            return 0
            ;;
        --domain)
            _mailports_reply "$prefix" < <(compgen -W "$(_mailports_domains)" -- "$cur")
            return 0
            ;;
        --email)
            # taro@gm<TAB> completes the domain part.
            COMPREPLY=()
            if [[ $cur == *@* ]]; then
                _mailports_reply "$prefix${cur%%@*}@" \
                    < <(compgen -W "$(_mailports_domains)" -- "${cur#*@}")
            fi
            return 0
            ;;
        --port)
            _mailports_reply "$prefix" < <(compgen -W "$(_mailports_ports)" -- "$cur")
            return 0
            ;;
        --format)
            _mailports_reply "$prefix" < <(compgen -W "$(_mailports_formats lint)" -- "$cur")
            return 0
            ;;
        --output)
            compopt -o filenames 2>/dev/null
            _mailports_reply "$prefix" < <(compgen -f -- "$cur")
            return 0
            ;;
        --host | --user | --account | --client-version)
            COMPREPLY=()
            return 0
            ;;
        # The names of data/services.json (tests/install checks them
        # against the binary's own list in its error for a bad name).
        --service)
            _mailports_reply "$prefix" < <(compgen -W "sendgrid mailgun mailgun-eu ses postmark smtp2go brevo sparkpost sparkpost-eu mailjet resend mailersend zeptomail" -- "$cur")
            return 0
            ;;
        --hosting)
            _mailports_reply "$prefix" < <(compgen -W "xserver sakura lolipop conoha-wing" -- "$cur")
            return 0
            ;;
        --region)
            _mailports_reply "$prefix" < <(compgen -W "us-east-1 us-east-2 us-west-1 us-west-2 ca-central-1 sa-east-1 eu-west-1 eu-west-2 eu-west-3 eu-central-1 eu-central-2 eu-south-1 eu-north-1 ap-south-1 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-southeast-1 ap-southeast-2 ap-southeast-3 me-south-1 me-central-1 il-central-1 af-south-1 us-gov-west-1 us-gov-east-1" -- "$cur")
            return 0
            ;;
        --rules | --providers | --diagnoses | --ca-file)
            compopt -o filenames 2>/dev/null
            _mailports_reply "$prefix" < <(compgen -f -- "$cur")
            return 0
            ;;
        --file)
            # diagnose's log: FILE, or - for standard input (the value is
            # required, so '-' is offered like a file).
            compopt -o filenames 2>/dev/null
            _mailports_reply "$prefix" < <(compgen -f -- "$cur"; [[ -z $cur || $cur == - ]] && echo -)
            return 0
            ;;
        --batch)
            # NDJSON from FILE, or - for standard input; the value is
            # optional, so an option may follow instead.
            if [[ $cur != -* ]]; then
                compopt -o filenames 2>/dev/null
                _mailports_reply "$prefix" < <(compgen -f -- "$cur"; [[ -z $cur ]] && echo -)
                return 0
            fi
            ;;
        --search | --timeout | --source | --dns-server)
            COMPREPLY=()
            return 0
            ;;
    esac

    local global='--help --version --rules --providers --diagnoses --lang --color'
    if [[ $cur == -* ]]; then
        local opts
        case $cmd in
            recommend) opts="--proto --email --domain --host --service --region --hosting --role --prefer --json $global" ;;
            check) opts="--proto --port --tls --role --json --batch $global" ;;
            ports) opts="--proto --json $global" ;;
            explain) opts="--json $global" ;;
            providers) opts="--search --json $global" ;;
            probe) opts="--proto --port --timeout --ca-file --source --as --no-extra-handshakes --role --dns-server --json $global" ;;
            discover) opts="--json --verify --guess --timeout --no-http --no-address --dns-server --ca-file --role $global" ;;
            diagnose) opts="--file --proto --port --tls --role --json $global" ;;
            config) opts="--formats --email --domain --proto --host --port --tls --user --account --client-version
                --output --force --json --discover --timeout --dns-server --ca-file $global" ;;
            lint) opts="--formats --format --client-version --json $global" ;;
            *) opts=$global ;;
        esac
        _mailports_reply '' < <(compgen -W "$opts" -- "$cur")
        return 0
    fi

    COMPREPLY=()
    case $cmd in
        '')
            _mailports_reply '' < <(compgen -W 'recommend check ports explain providers probe discover diagnose config lint' -- "$cur")
            ;;
        check)
            # The URL: offer the schemes (not with --batch, which reads them).
            if ((npos == 0 && !batch)) && [[ $cur != *:* ]]; then
                _mailports_reply '' < <(compgen -W 'smtp:// smtps:// submission://
                    submissions:// imap:// imaps:// pop3:// pop3s:// smtp+tls:// smtp+starttls://
                    smtp+ssl://' -- "$cur")
                compopt -o nospace 2>/dev/null
            fi
            ;;
        probe)
            # HOST, HOST:PORT, [IPv6]:PORT or a URL: host names and the
            # schemes (a port is typed by hand).
            if ((npos == 0)); then
                _mailports_reply '' < <(compgen -A hostname -- "$cur"
                    [[ $cur == *:* ]] || compgen -W 'smtp:// smtps:// submission://
                        submissions:// imap:// imaps:// pop3:// pop3s:// smtp+tls:// smtp+starttls://
                        smtp+ssl://' -- "$cur")
                local reply only_schemes=1
                for reply in "${COMPREPLY[@]}"; do
                    [[ $reply == *:// ]] || only_schemes=0
                done
                ((${#COMPREPLY[@]} && only_schemes)) && compopt -o nospace 2>/dev/null
            fi
            ;;
        explain)
            if ((npos == 0)); then
                _mailports_reply '' < <(compgen -W "$(_mailports_ports)" -- "$cur")
            fi
            ;;
        config)
            if ((npos == 0)); then
                _mailports_reply '' < <(compgen -W "$(_mailports_formats config)" -- "$cur")
            fi
            ;;
        lint)
            # Config files, or - for standard input.
            compopt -o filenames 2>/dev/null
            _mailports_reply '' < <(compgen -f -- "$cur"; [[ -z $cur ]] && echo -)
            ;;
    esac
    return 0
}

complete -F _mailports mailports
