# fish completion for mailports(1).
#
# Installed as share/fish/vendor_completions.d/mailports.fish; elsewhere copy
# it to ~/.config/fish/completions/.
#
# Provider domains (--domain, --email USER@...), port numbers (check --port,
# explain) and client formats (config, lint --format) are asked from the
# mailports on PATH when needed; without it they complete to nothing.

# Provider domains from the "domains" arrays of 'mailports providers --json'.
function __mailports_domains
    command -q mailports; or return 0
    command mailports providers --json 2>/dev/null | string join '' \
        | string match -ra '"domains":\s*\[[^\]]*\]' \
        | string match -ra '"[^"]*"' \
        | string trim -c '"' \
        | string match -v domains
end

# --email: complete the domain after '@'.
function __mailports_email
    set -l token (commandline -ct)
    string match -q '*@*' -- $token; or return 0
    set -l user (string split -m1 @ -- $token)[1]
    for domain in (__mailports_domains)
        echo $user@$domain
    end
end

# The ports in the rules table.
function __mailports_ports
    command -q mailports; or return 0
    command mailports ports --json 2>/dev/null \
        | string match -r '"port":\s*[0-9]+' \
        | string replace -r '.*:\s*' '' \
        | sort -un
end

# The client formats of the binary's one table: 'mailports config --formats'
# (or lint's, with "lint"), name TAB description as fish wants them.
function __mailports_formats
    command -q mailports; or return 0
    command mailports $argv[1] --formats 2>/dev/null
end

# True when the command line has no mailports command yet.
function __mailports_no_command
    not __fish_seen_subcommand_from recommend check ports explain providers probe discover diagnose config lint
end

# True for the first positional word after COMMAND ($argv[1]).
function __mailports_first_arg_of
    set -l tokens (commandline -opc)
    set -l seen 0
    set -l skip 0
    set -l npos 0
    for token in $tokens[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $token
            case --rules --providers --diagnoses --lang --color --proto --port --tls --role --prefer --email --domain --search --timeout --ca-file --source --dns-server --file --host --user --account --client-version --output --format --as
                set skip 1
            case '-*'
            case '*'
                if test $seen = 0
                    test $token = $argv[1]; or return 1
                    set seen 1
                else
                    set npos (math $npos + 1)
                end
        end
    end
    test $seen = 1 -a $npos = 0
end

complete -c mailports -f

# Commands.
complete -c mailports -n __mailports_no_command -a recommend -d 'Which port and TLS mode to use'
complete -c mailports -n __mailports_no_command -a check -d 'Judge a setting, or a server URL'
complete -c mailports -n __mailports_no_command -a ports -d 'Print the whole rules table'
complete -c mailports -n __mailports_no_command -a explain -d 'Explain what a port is for'
complete -c mailports -n __mailports_no_command -a providers -d 'List the mail providers mailports knows'
complete -c mailports -n __mailports_no_command -a probe -d 'Ask a live server what it offers on each mail port'
complete -c mailports -n __mailports_no_command -a discover -d 'Find a domain\'s settings online: autoconfig, ISPDB, MX, DNS SRV'
complete -c mailports -n __mailports_no_command -a diagnose -d 'From an error message (or a log) to the setting at fault and the fix'
complete -c mailports -n __mailports_no_command -a config -d 'Write a mail client\'s config with settings judged by the rules'
complete -c mailports -n __mailports_no_command -a lint -d 'Judge existing mail client configs by the rules'

# Global options: before or after the command.
complete -c mailports -s h -l help -d 'Print help and exit'
complete -c mailports -l version -d 'Display version information and exit'
complete -c mailports -l rules -r -F -d 'Load the rules table from FILE'
complete -c mailports -l providers -r -F -d 'Load the provider data from FILE'
complete -c mailports -l diagnoses -r -F -d 'Load the diagnoses catalogue from FILE'
complete -c mailports -l lang -x -a 'en\tEnglish ja\tJapanese' -d 'Language of the output'
complete -c mailports -l color -x -a 'auto always never' -d 'Colour'

# recommend
complete -c mailports -n '__fish_seen_subcommand_from recommend' -l proto -x -a 'smtp imap pop3' -d 'Protocol'
complete -c mailports -n '__fish_seen_subcommand_from recommend' -l email -x -a '(__mailports_email)' -d 'Your e-mail address'
complete -c mailports -n '__fish_seen_subcommand_from recommend' -l domain -x -a '(__mailports_domains)' -d 'A mail domain'
complete -c mailports -n '__fish_seen_subcommand_from recommend' -l host -x -a '(__fish_print_hostnames)' -d 'A mail server host name'
complete -c mailports -n '__fish_seen_subcommand_from recommend' -l service -x -a 'sendgrid mailgun mailgun-eu ses postmark smtp2go brevo sparkpost sparkpost-eu mailjet resend mailersend zeptomail' -d 'A sending service'
complete -c mailports -n '__fish_seen_subcommand_from recommend' -l region -x -a 'us-east-1 us-east-2 us-west-1 us-west-2 ca-central-1 sa-east-1 eu-west-1 eu-west-2 eu-west-3 eu-central-1 eu-central-2 eu-south-1 eu-north-1 ap-south-1 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-southeast-1 ap-southeast-2 ap-southeast-3 me-south-1 me-central-1 il-central-1 af-south-1 us-gov-west-1 us-gov-east-1' -d 'The region of a service'
complete -c mailports -n '__fish_seen_subcommand_from recommend' -l hosting -x -a 'xserver sakura lolipop conoha-wing' -d 'A hosting company'
complete -c mailports -n '__fish_seen_subcommand_from recommend' -l role -x -a 'client\ta\ mail\ program relay\tserver\ to\ server' -d 'Role'
complete -c mailports -n '__fish_seen_subcommand_from recommend' -l prefer -x -a 'implicit starttls' -d 'Put this mode first'

# check
complete -c mailports -n '__fish_seen_subcommand_from check' -l proto -x -a 'smtp imap pop3' -d 'Protocol'
complete -c mailports -n '__fish_seen_subcommand_from check' -l port -x -a '(__mailports_ports)' -d 'Port number, 1-65535'
complete -c mailports -n '__fish_seen_subcommand_from check' -l tls -x -d 'TLS mode' -a '
    none\tno\ encryption
    starttls\tSTARTTLS\ required
    opportunistic\tSTARTTLS\ if\ available
    implicit\timplicit\ TLS\ \(SSL/TLS\)
    plain\talias\ of\ none
    off\talias\ of\ none
    cleartext\talias\ of\ none
    explicit\talias\ of\ starttls
    may\talias\ of\ opportunistic
    starttls-optional\talias\ of\ opportunistic
    ssl\talias\ of\ implicit
    tls\talias\ of\ implicit
    ssl/tls\talias\ of\ implicit'
complete -c mailports -n '__fish_seen_subcommand_from check' -l role -x -a 'client\ta\ mail\ program relay\tserver\ to\ server' -d 'Role'
complete -c mailports -n '__fish_seen_subcommand_from check' -l batch -r -F -a '-\tstandard\ input' -d 'Audit many settings: NDJSON from FILE or - (stdin)'
complete -c mailports -n '__mailports_first_arg_of check; and not __fish_seen_argument -l batch' -a 'smtp:// smtps:// submission:// submissions:// imap:// imaps:// pop3:// pop3s:// smtp+tls:// smtp+starttls:// smtp+ssl://' -d 'URL scheme'

# ports
complete -c mailports -n '__fish_seen_subcommand_from ports' -l proto -x -a 'smtp imap pop3' -d 'Only this protocol'

# explain
complete -c mailports -n '__mailports_first_arg_of explain' -a '(__mailports_ports)' -d 'Port'

# providers
complete -c mailports -n '__fish_seen_subcommand_from providers' -l search -x -d 'Only providers whose name, id or domain contains TEXT'

# probe
complete -c mailports -n '__fish_seen_subcommand_from probe' -l proto -x -a 'smtp imap pop3' -d 'Only this protocol (needed with --port, unless HOST:PORT or a URL says it)'
complete -c mailports -n '__fish_seen_subcommand_from probe' -l port -x -a '(__mailports_ports)' -d 'Probe exactly this port'
complete -c mailports -n '__fish_seen_subcommand_from probe' -l timeout -x -d 'Seconds allowed for each port (default 10)'
complete -c mailports -n '__fish_seen_subcommand_from probe' -l ca-file -r -F -d 'Trust only the CA certificates in FILE (PEM)'
complete -c mailports -n '__fish_seen_subcommand_from probe' -l source -x -d 'Connect from this local address'
complete -c mailports -n '__fish_seen_subcommand_from probe' -l as -x -a 'smtp submission submissions imap imaps pop3 pop3s' -d 'Judge the port as this standard service\'s port'
complete -c mailports -n '__fish_seen_subcommand_from probe' -l no-extra-handshakes -d 'Only one handshake per port'
complete -c mailports -n '__fish_seen_subcommand_from probe' -l role -x -a 'client\ta\ mail\ program relay\tserver\ to\ server' -d 'relay: port 25 as an MX, with DANE'
complete -c mailports -n '__fish_seen_subcommand_from probe' -l dns-server -x -d '--role relay: ask this DNS server (IPv4 address, optional :PORT)'
complete -c mailports -n '__mailports_first_arg_of probe' -a '(__fish_print_hostnames)' -d 'Mail server host (or HOST:PORT)'
complete -c mailports -n '__mailports_first_arg_of probe' -a 'smtp:// smtps:// submission:// submissions:// imap:// imaps:// pop3:// pop3s:// smtp+tls:// smtp+starttls:// smtp+ssl://' -d 'Mail server URL'

# discover (its ADDRESS|DOMAIN is typed by hand)
complete -c mailports -n '__fish_seen_subcommand_from discover' -l verify -d 'Probe every server found and compare it with the sources'
complete -c mailports -n '__fish_seen_subcommand_from discover' -l guess -d 'Also probe imap., pop3., pop., mail., smtp. and the domain'
complete -c mailports -n '__fish_seen_subcommand_from discover' -l timeout -x -d 'Seconds each source may take (default 10)'
complete -c mailports -n '__fish_seen_subcommand_from discover' -l no-http -d 'Do not fetch autoconfig over plain http://'
complete -c mailports -n '__fish_seen_subcommand_from discover' -l no-address -d 'Do not send the address (?emailaddress=)'
complete -c mailports -n '__fish_seen_subcommand_from discover' -l dns-server -x -d 'Ask this DNS server (IPv4, [IPv6] or host name, optional :PORT)'
complete -c mailports -n '__fish_seen_subcommand_from discover' -l ca-file -r -F -d 'Trust only the CA certificates in FILE (PEM)'
complete -c mailports -n '__fish_seen_subcommand_from discover' -l role -x -a 'client\ta\ mail\ program relay\tserver\ to\ server' -d 'relay: MX hosts on port 25, MTA-STS, TLS-RPT, DANE'

# diagnose (its TEXT, the error message, is typed or pasted by hand)
complete -c mailports -n '__fish_seen_subcommand_from diagnose' -l file -r -F -a '-\tstandard\ input' -d 'Read a log from FILE (- for standard input)'
complete -c mailports -n '__fish_seen_subcommand_from diagnose' -l proto -x -a 'smtp imap pop3' -d 'The protocol your client used'
complete -c mailports -n '__fish_seen_subcommand_from diagnose' -l port -x -a '(__mailports_ports)' -d 'The port your client used'
complete -c mailports -n '__fish_seen_subcommand_from diagnose' -l tls -x -d 'The TLS mode your client used' -a '
    none\tno\ encryption
    starttls\tSTARTTLS\ required
    opportunistic\tSTARTTLS\ if\ available
    implicit\timplicit\ TLS\ \(SSL/TLS\)
    plain\talias\ of\ none
    off\talias\ of\ none
    cleartext\talias\ of\ none
    explicit\talias\ of\ starttls
    may\talias\ of\ opportunistic
    starttls-optional\talias\ of\ opportunistic
    ssl\talias\ of\ implicit
    tls\talias\ of\ implicit
    ssl/tls\talias\ of\ implicit'
complete -c mailports -n '__fish_seen_subcommand_from diagnose' -l role -x -a 'client\ta\ mail\ program relay\tserver\ to\ server' -d 'Role'

# config (its FORMAT from the binary's table; values typed by hand otherwise)
complete -c mailports -n '__mailports_first_arg_of config' -a '(__mailports_formats config)'
complete -c mailports -n '__fish_seen_subcommand_from config' -l formats -d 'List the formats and exit'
complete -c mailports -n '__fish_seen_subcommand_from config' -l email -x -a '(__mailports_email)' -d 'Your e-mail address'
complete -c mailports -n '__fish_seen_subcommand_from config' -l domain -x -a '(__mailports_domains)' -d 'A mail domain'
complete -c mailports -n '__fish_seen_subcommand_from config' -l proto -x -a 'smtp imap pop3' -d 'The server\'s protocol'
complete -c mailports -n '__fish_seen_subcommand_from config' -l host -x -a '(__fish_print_hostnames)' -d 'The server\'s host name'
complete -c mailports -n '__fish_seen_subcommand_from config' -l port -x -a '(__mailports_ports)' -d 'The server\'s port'
complete -c mailports -n '__fish_seen_subcommand_from config' -l tls -x -d 'The server\'s TLS mode' -a '
    none\tno\ encryption
    starttls\tSTARTTLS\ required
    opportunistic\tSTARTTLS\ if\ available
    implicit\timplicit\ TLS\ \(SSL/TLS\)'
complete -c mailports -n '__fish_seen_subcommand_from config' -l user -x -d 'The login name'
complete -c mailports -n '__fish_seen_subcommand_from config' -l account -x -d 'The account\'s name in the file'
complete -c mailports -n '__fish_seen_subcommand_from config lint' -l client-version -x -d 'The client version whose syntax to use'
complete -c mailports -n '__fish_seen_subcommand_from config' -l output -r -F -d 'Write to FILE (mode 0600, atomically)'
complete -c mailports -n '__fish_seen_subcommand_from config' -l force -d 'Write a setting judged an error; replace --output'
complete -c mailports -n '__fish_seen_subcommand_from config' -l discover -d 'Find the servers online, as discover does'
complete -c mailports -n '__fish_seen_subcommand_from config' -l timeout -x -d '--discover: seconds every source may take'
complete -c mailports -n '__fish_seen_subcommand_from config' -l dns-server -x -d '--discover: ask this DNS server'
complete -c mailports -n '__fish_seen_subcommand_from config' -l ca-file -r -F -d '--discover: trust only the CAs in FILE (PEM)'

# lint (config files, or - for standard input)
complete -c mailports -n '__fish_seen_subcommand_from lint' -F -a '-\tstandard\ input'
complete -c mailports -n '__fish_seen_subcommand_from lint' -l formats -d 'List the formats lint reads and exit'
complete -c mailports -n '__fish_seen_subcommand_from lint' -l format -x -a '(__mailports_formats lint)' -d 'Read the files as this format'

# --json: every command.
complete -c mailports -n '__fish_seen_subcommand_from recommend check ports explain providers probe discover diagnose config lint' -l json -d 'Print JSON instead of text'
