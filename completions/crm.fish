# fish completion for crm. Generated from the command tree by `crm completion fish`: do not edit.

# The completion table (see `crm completion`): prints the value of a key, fails when absent.
# An empty value prints nothing and succeeds.
function __crm_data
    switch $argv[1]
        case 'sub:crm:leads'
            printf '%s\n' 'leads'
            return 0
        case 'sub:crm:lead'
            printf '%s\n' 'leads'
            return 0
        case 'sub:crm:opportunities'
            printf '%s\n' 'opportunities'
            return 0
        case 'sub:crm:opps'
            printf '%s\n' 'opportunities'
            return 0
        case 'sub:crm:opportunity'
            printf '%s\n' 'opportunities'
            return 0
        case 'sub:crm:opp'
            printf '%s\n' 'opportunities'
            return 0
        case 'sub:crm:contacts'
            printf '%s\n' 'contacts'
            return 0
        case 'sub:crm:contact'
            printf '%s\n' 'contacts'
            return 0
        case 'sub:crm:orgs'
            printf '%s\n' 'orgs'
            return 0
        case 'sub:crm:organizations'
            printf '%s\n' 'orgs'
            return 0
        case 'sub:crm:organization'
            printf '%s\n' 'orgs'
            return 0
        case 'sub:crm:org'
            printf '%s\n' 'orgs'
            return 0
        case 'sub:crm:cases'
            printf '%s\n' 'cases'
            return 0
        case 'sub:crm:case'
            printf '%s\n' 'cases'
            return 0
        case 'sub:crm:tags'
            printf '%s\n' 'tags'
            return 0
        case 'sub:crm:forms'
            printf '%s\n' 'forms'
            return 0
        case 'sub:crm:bulk'
            printf '%s\n' 'bulk'
            return 0
        case 'sub:crm:api'
            printf '%s\n' 'api'
            return 0
        case 'sub:crm:export'
            printf '%s\n' 'export'
            return 0
        case 'sub:crm:report'
            printf '%s\n' 'report'
            return 0
        case 'sub:crm:auth'
            printf '%s\n' 'auth'
            return 0
        case 'sub:crm:config'
            printf '%s\n' 'config'
            return 0
        case 'sub:crm:completion'
            printf '%s\n' 'completion'
            return 0
        case 'sub:crm:version'
            printf '%s\n' 'version'
            return 0
        case 'sub:crm:help'
            printf '%s\n' 'help'
            return 0
        case 'subs:crm'
            printf '%s\n' 'leads'\t'Work with leads' 'lead'\t'Work with leads' 'opportunities'\t'Work with opportunities' 'opps'\t'Work with opportunities' 'opportunity'\t'Work with opportunities' 'opp'\t'Work with opportunities' 'contacts'\t'Work with contacts' 'contact'\t'Work with contacts' 'orgs'\t'Work with orgs' 'organizations'\t'Work with orgs' 'organization'\t'Work with orgs' 'org'\t'Work with orgs' 'cases'\t'Work with cases' 'case'\t'Work with cases' 'tags'\t'Work with the tags of leads, opportunities, contacts, orgs and cases' 'forms'\t'Read or replace the custom-field forms' 'bulk'\t'Act on many records at once, safely from cron' 'api'\t'Send any request to the API (path relative to the base URL)' 'export'\t'Export every record into a SQLite database or CSV files (a star schema for BI tools and SQL)' 'report'\t'Summaries with bar charts: the pipeline, leads, cases' 'auth'\t'Save, check and remove the API key of a profile' 'config'\t'Read and edit the config file\'s profile; explain the settings' 'completion'\t'Print a shell completion script (bash, zsh or fish)' 'version'\t'Print crm\'s version (as --version)' 'help'\t'Show the help of a command (as COMMAND --help): crm help leads list'
            return 0
        case 'val:crm:-o'
            printf '%s\n' 'table' 'json' 'ndjson' 'csv' 'tsv' 'ids'
            return 0
        case 'val:crm:--output'
            printf '%s\n' 'table' 'json' 'ndjson' 'csv' 'tsv' 'ids'
            return 0
        case 'val:crm:--profile'
            return 0
        case 'dyn:crm:--profile'
            printf '%s\n' 'profiles'
            return 0
        case 'val:crm:--base-url'
            return 0
        case 'val:crm:--api-key'
            return 0
        case 'val:crm:--timeout'
            return 0
        case 'val:crm:--retries'
            return 0
        case 'val:crm:--rate'
            return 0
        case 'val:crm:--cacert'
            return 0
        case 'val:crm:--fields'
            return 0
        case 'val:crm:--output-file'
            return 0
        case 'val:crm:--jq'
            return 0
        case 'flags:crm'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--version'\t'Display program version information and exit' '-o'\t'Output format: table, json, ndjson, csv, tsv, ids' '--output'\t'Output format: table, json, ndjson, csv, tsv, ids' '--profile'\t'Config profile to use (env CRM_PROFILE)' '--base-url'\t'API base URL (env CRM_BASE_URL)' '--api-key'\t'API key (prefer CRM_API_KEY, crm auth login or api_key_command)' '--timeout'\t'Seconds before a request times out (default 30)' '--retries'\t'Retries of failed idempotent requests (default 3)' '--rate'\t'At most N requests per second' '--cacert'\t'CA bundle (PEM) to check the server\'s certificate with, instead of the system\'s: a private CA or a TLS-inspecting proxy (env CRM_CA_BUNDLE, then SSL_CERT_FILE)' '--fields'\t'Fields to show, in order: a,b.c' '--output-file'\t'Write the output to FILE, replacing it only when the command succeeds' '--jq'\t'Filter JSON output with a jq expression, per record as it streams; strings print raw, other results as compact JSON (-o may only be json or ndjson)' '--slurp'\t'With --jq: run EXPR once on the array of all the records' '--no-headers'\t'No header row in table, csv and tsv' '--raw'\t'Print response bodies exactly as received' '-v'\t'Print requests, responses and retries on stderr (key redacted)' '--verbose'\t'Print requests, responses and retries on stderr (key redacted)' '--debug'\t'As --verbose, plus request and response bodies (first 4 KB), the time of each phase and why each retry waits (also CRM_DEBUG=1)' '--insecure'\t'Do not check TLS certificates (dangerous; off a terminal only with CRM_ALLOW_INSECURE=1)' '-q'\t'Print only results and errors' '--quiet'\t'Print only results and errors' '--dry-run'\t'Print each write as a curl command and send none (the reads it needs are sent)' '--no-color'\t'No colour (also NO_COLOR)'
            return 0
        case 'ft:crm leads'
            printf '%s\n' '1'
            return 0
        case 'sub:crm leads:list'
            printf '%s\n' 'list'
            return 0
        case 'sub:crm leads:get'
            printf '%s\n' 'get'
            return 0
        case 'sub:crm leads:create'
            printf '%s\n' 'create'
            return 0
        case 'sub:crm leads:update'
            printf '%s\n' 'update'
            return 0
        case 'sub:crm leads:delete'
            printf '%s\n' 'delete'
            return 0
        case 'sub:crm leads:archive'
            printf '%s\n' 'archive'
            return 0
        case 'sub:crm leads:unarchive'
            printf '%s\n' 'unarchive'
            return 0
        case 'sub:crm leads:convert'
            printf '%s\n' 'convert'
            return 0
        case 'sub:crm leads:import'
            printf '%s\n' 'import'
            return 0
        case 'sub:crm leads:tag'
            printf '%s\n' 'tag'
            return 0
        case 'subs:crm leads'
            printf '%s\n' 'list'\t'List leads' 'get'\t'Show leads by id (several ids: fetched concurrently)' 'create'\t'Create a lead (requires title)' 'update'\t'Update a lead (partial: only the fields given)' 'delete'\t'Delete leads by id' 'archive'\t'Archive leads' 'unarchive'\t'Unarchive leads' 'convert'\t'Convert a lead into an opportunity (prints the opportunity)' 'import'\t'Create (or with --update-by id, update) leads from CSV, NDJSON or a JSON array; journaled, resumable' 'tag'\t'Add or remove tags of leads by label: read each, PATCH its tags back in the shape they had'
            return 0
        case 'flags:crm leads'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm leads list'
            printf '%s\n' '1'
            return 0
        case 'val:crm leads list:--page'
            return 0
        case 'val:crm leads list:--size'
            return 0
        case 'val:crm leads list:--limit'
            return 0
        case 'val:crm leads list:--parallel'
            return 0
        case 'val:crm leads list:--sort'
            printf '%s\n' 'asc' 'desc'
            return 0
        case 'val:crm leads list:--order-by'
            return 0
        case 'val:crm leads list:--filter'
            return 0
        case 'val:crm leads list:--title'
            return 0
        case 'val:crm leads list:--contact-id'
            return 0
        case 'val:crm leads list:--organization-id'
            return 0
        case 'val:crm leads list:--tags'
            return 0
        case 'dyn:crm leads list:--tags'
            printf '%s\n' 'tags leads'
            return 0
        case 'val:crm leads list:--archived'
            printf '%s\n' 'true' 'false'
            return 0
        case 'val:crm leads list:--converted'
            printf '%s\n' 'true' 'false'
            return 0
        case 'flags:crm leads list'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--page'\t'Page number (from 1)' '--size'\t'Records per page (1-1000)' '--all'\t'Follow every page (streams)' '--limit'\t'Stop after N records, across pages' '--parallel'\t'Pages in flight at once with --all or --limit, 1 to 16 (default 4); output stays in order' '--sort'\t'Sort order: asc or desc' '--order-by'\t'Field to sort by' '--filter'\t'Any query parameter KEY=VALUE, sent as is (repeatable)' '--title'\t'Title contains (case-insensitive)' '--contact-id'\t'Contact id(s)' '--organization-id'\t'Organization id(s)' '--tags'\t'Tag label(s) or id(s)' '--archived'\t'Archived leads only (true) or none (false)' '--converted'\t'Converted leads only (true) or none (false)'
            return 0
        case 'ft:crm leads get'
            printf '%s\n' '1'
            return 0
        case 'flags:crm leads get'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm leads create'
            printf '%s\n' '1'
            return 0
        case 'val:crm leads create:-d'
            return 0
        case 'val:crm leads create:--data'
            return 0
        case 'val:crm leads create:-f'
            return 0
        case 'val:crm leads create:--field'
            return 0
        case 'val:crm leads create:-F'
            return 0
        case 'val:crm leads create:--typed-field'
            return 0
        case 'flags:crm leads create'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)'
            return 0
        case 'ft:crm leads update'
            printf '%s\n' '1'
            return 0
        case 'val:crm leads update:-d'
            return 0
        case 'val:crm leads update:--data'
            return 0
        case 'val:crm leads update:-f'
            return 0
        case 'val:crm leads update:--field'
            return 0
        case 'val:crm leads update:-F'
            return 0
        case 'val:crm leads update:--typed-field'
            return 0
        case 'flags:crm leads update'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)'
            return 0
        case 'ft:crm leads delete'
            printf '%s\n' '1'
            return 0
        case 'flags:crm leads delete'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)' '--ignore-not-found'\t'Count an id that does not exist (404) as done'
            return 0
        case 'ft:crm leads archive'
            printf '%s\n' '1'
            return 0
        case 'flags:crm leads archive'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--ignore-not-found'\t'Count an id that does not exist (404) as done'
            return 0
        case 'ft:crm leads unarchive'
            printf '%s\n' '1'
            return 0
        case 'flags:crm leads unarchive'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--ignore-not-found'\t'Count an id that does not exist (404) as done'
            return 0
        case 'ft:crm leads convert'
            printf '%s\n' '1'
            return 0
        case 'flags:crm leads convert'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm leads import'
            printf '%s\n' '1'
            return 0
        case 'val:crm leads import:--format'
            printf '%s\n' 'csv' 'ndjson' 'json'
            return 0
        case 'val:crm leads import:--update-by'
            printf '%s\n' 'id'
            return 0
        case 'val:crm leads import:--journal'
            return 0
        case 'val:crm leads import:--failed-out'
            return 0
        case 'val:crm leads import:--parallel'
            return 0
        case 'val:crm leads import:--string-fields'
            return 0
        case 'flags:crm leads import'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--format'\t'Input format: csv, ndjson or json (default: from the file name, else the content)' '--update-by'\t'id: PATCH the rows that have an id (the others are created)' '--journal'\t'Record each row\'s outcome in FILE; a re-run with it skips created/updated rows, retries failed ones' '--failed-out'\t'Write the failed and unknown rows to FILE, in the input format' '--parallel'\t'Requests in flight at once, 1 to 16 (default 4)' '--string-fields'\t'CSV columns always read as strings: a,b (repeatable)' '--resend-unknown'\t'Send again the creates an earlier run (per --journal) sent without an answer: they may exist already' '-y'\t'Do not ask before PATCHing rows by id (needed off a terminal with --update-by id)' '--yes'\t'Do not ask before PATCHing rows by id (needed off a terminal with --update-by id)'
            return 0
        case 'ft:crm leads tag'
            printf '%s\n' '1'
            return 0
        case 'val:crm leads tag:--add'
            return 0
        case 'dyn:crm leads tag:--add'
            printf '%s\n' 'tags leads'
            return 0
        case 'val:crm leads tag:--remove'
            return 0
        case 'dyn:crm leads tag:--remove'
            printf '%s\n' 'tags leads'
            return 0
        case 'flags:crm leads tag'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--add'\t'Tag label(s) to add: L[,L] (repeatable)' '--remove'\t'Tag label(s) to remove: L[,L] (repeatable)' '--create-missing'\t'Create --add labels the lead tag list lacks (else they are an error, exit 2)'
            return 0
        case 'ft:crm opportunities'
            printf '%s\n' '1'
            return 0
        case 'sub:crm opportunities:list'
            printf '%s\n' 'list'
            return 0
        case 'sub:crm opportunities:get'
            printf '%s\n' 'get'
            return 0
        case 'sub:crm opportunities:create'
            printf '%s\n' 'create'
            return 0
        case 'sub:crm opportunities:update'
            printf '%s\n' 'update'
            return 0
        case 'sub:crm opportunities:delete'
            printf '%s\n' 'delete'
            return 0
        case 'sub:crm opportunities:import'
            printf '%s\n' 'import'
            return 0
        case 'sub:crm opportunities:tag'
            printf '%s\n' 'tag'
            return 0
        case 'sub:crm opportunities:status'
            printf '%s\n' 'status'
            return 0
        case 'sub:crm opportunities:stage'
            printf '%s\n' 'stage'
            return 0
        case 'sub:crm opportunities:pipelines'
            printf '%s\n' 'pipelines'
            return 0
        case 'subs:crm opportunities'
            printf '%s\n' 'list'\t'List opportunities' 'get'\t'Show opportunities by id (several ids: fetched concurrently)' 'create'\t'Create an opportunity (requires title)' 'update'\t'Update an opportunity (partial: only the fields given)' 'delete'\t'Delete opportunities by id' 'import'\t'Create (or with --update-by id, update) opportunities from CSV, NDJSON or a JSON array; journaled, resumable' 'tag'\t'Add or remove tags of opportunities by label: read each, PATCH its tags back in the shape they had' 'status'\t'Set an opportunity\'s status: open, won or lost' 'stage'\t'Move an opportunity to a stage (a stage key, or a label of its pipeline)' 'pipelines'\t'Work with opportunity pipelines'
            return 0
        case 'flags:crm opportunities'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm opportunities list'
            printf '%s\n' '1'
            return 0
        case 'val:crm opportunities list:--page'
            return 0
        case 'val:crm opportunities list:--size'
            return 0
        case 'val:crm opportunities list:--limit'
            return 0
        case 'val:crm opportunities list:--parallel'
            return 0
        case 'val:crm opportunities list:--sort'
            printf '%s\n' 'asc' 'desc'
            return 0
        case 'val:crm opportunities list:--order-by'
            return 0
        case 'val:crm opportunities list:--filter'
            return 0
        case 'val:crm opportunities list:--title'
            return 0
        case 'val:crm opportunities list:--contact-id'
            return 0
        case 'val:crm opportunities list:--organization-id'
            return 0
        case 'val:crm opportunities list:--tags'
            return 0
        case 'dyn:crm opportunities list:--tags'
            printf '%s\n' 'tags opportunities'
            return 0
        case 'val:crm opportunities list:--owner-id'
            return 0
        case 'val:crm opportunities list:--pipeline'
            return 0
        case 'val:crm opportunities list:--stage'
            return 0
        case 'dyn:crm opportunities list:--stage'
            printf '%s\n' 'stages'
            return 0
        case 'flags:crm opportunities list'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--page'\t'Page number (from 1)' '--size'\t'Records per page (1-1000)' '--all'\t'Follow every page (streams)' '--limit'\t'Stop after N records, across pages' '--parallel'\t'Pages in flight at once with --all or --limit, 1 to 16 (default 4); output stays in order' '--sort'\t'Sort order: asc or desc' '--order-by'\t'Field to sort by' '--filter'\t'Any query parameter KEY=VALUE, sent as is (repeatable)' '--title'\t'Title contains (case-insensitive)' '--contact-id'\t'Contact id(s)' '--organization-id'\t'Organization id(s)' '--tags'\t'Tag label(s) or id(s)' '--owner-id'\t'Owner id' '--pipeline'\t'Pipeline: its name or id (filtered client-side: the API has no such filter; add --all to search every page)' '--stage'\t'Stage: its label or key, in the --pipeline given, else in any pipeline (filtered client-side: the API has no such filter; add --all to search every page)'
            return 0
        case 'ft:crm opportunities get'
            printf '%s\n' '1'
            return 0
        case 'flags:crm opportunities get'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm opportunities create'
            printf '%s\n' '1'
            return 0
        case 'val:crm opportunities create:-d'
            return 0
        case 'val:crm opportunities create:--data'
            return 0
        case 'val:crm opportunities create:-f'
            return 0
        case 'val:crm opportunities create:--field'
            return 0
        case 'val:crm opportunities create:-F'
            return 0
        case 'val:crm opportunities create:--typed-field'
            return 0
        case 'val:crm opportunities create:--pipeline'
            return 0
        case 'val:crm opportunities create:--stage'
            return 0
        case 'dyn:crm opportunities create:--stage'
            printf '%s\n' 'stages'
            return 0
        case 'flags:crm opportunities create'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--pipeline'\t'Pipeline: its name or id, looked up first' '--stage'\t'Stage: its label or key, in the --pipeline given, else the body\'s or the record\'s pipeline, else the default one'
            return 0
        case 'ft:crm opportunities update'
            printf '%s\n' '1'
            return 0
        case 'val:crm opportunities update:-d'
            return 0
        case 'val:crm opportunities update:--data'
            return 0
        case 'val:crm opportunities update:-f'
            return 0
        case 'val:crm opportunities update:--field'
            return 0
        case 'val:crm opportunities update:-F'
            return 0
        case 'val:crm opportunities update:--typed-field'
            return 0
        case 'val:crm opportunities update:--pipeline'
            return 0
        case 'val:crm opportunities update:--stage'
            return 0
        case 'dyn:crm opportunities update:--stage'
            printf '%s\n' 'stages'
            return 0
        case 'flags:crm opportunities update'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--pipeline'\t'Pipeline: its name or id, looked up first' '--stage'\t'Stage: its label or key, in the --pipeline given, else the body\'s or the record\'s pipeline, else the default one'
            return 0
        case 'ft:crm opportunities delete'
            printf '%s\n' '1'
            return 0
        case 'flags:crm opportunities delete'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)' '--ignore-not-found'\t'Count an id that does not exist (404) as done'
            return 0
        case 'ft:crm opportunities import'
            printf '%s\n' '1'
            return 0
        case 'val:crm opportunities import:--format'
            printf '%s\n' 'csv' 'ndjson' 'json'
            return 0
        case 'val:crm opportunities import:--update-by'
            printf '%s\n' 'id'
            return 0
        case 'val:crm opportunities import:--journal'
            return 0
        case 'val:crm opportunities import:--failed-out'
            return 0
        case 'val:crm opportunities import:--parallel'
            return 0
        case 'val:crm opportunities import:--string-fields'
            return 0
        case 'flags:crm opportunities import'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--format'\t'Input format: csv, ndjson or json (default: from the file name, else the content)' '--update-by'\t'id: PATCH the rows that have an id (the others are created)' '--journal'\t'Record each row\'s outcome in FILE; a re-run with it skips created/updated rows, retries failed ones' '--failed-out'\t'Write the failed and unknown rows to FILE, in the input format' '--parallel'\t'Requests in flight at once, 1 to 16 (default 4)' '--string-fields'\t'CSV columns always read as strings: a,b (repeatable)' '--resend-unknown'\t'Send again the creates an earlier run (per --journal) sent without an answer: they may exist already' '-y'\t'Do not ask before PATCHing rows by id (needed off a terminal with --update-by id)' '--yes'\t'Do not ask before PATCHing rows by id (needed off a terminal with --update-by id)'
            return 0
        case 'ft:crm opportunities tag'
            printf '%s\n' '1'
            return 0
        case 'val:crm opportunities tag:--add'
            return 0
        case 'dyn:crm opportunities tag:--add'
            printf '%s\n' 'tags opportunities'
            return 0
        case 'val:crm opportunities tag:--remove'
            return 0
        case 'dyn:crm opportunities tag:--remove'
            printf '%s\n' 'tags opportunities'
            return 0
        case 'flags:crm opportunities tag'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--add'\t'Tag label(s) to add: L[,L] (repeatable)' '--remove'\t'Tag label(s) to remove: L[,L] (repeatable)' '--create-missing'\t'Create --add labels the opportunity tag list lacks (else they are an error, exit 2)'
            return 0
        case 'ft:crm opportunities status'
            printf '%s\n' '1'
            return 0
        case 'val:crm opportunities status:--reason-id'
            return 0
        case 'val:crm opportunities status:--comment'
            return 0
        case 'flags:crm opportunities status'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--reason-id'\t'Lost reason id (status lost)' '--comment'\t'Lost reason comment (status lost)'
            return 0
        case 'pos:crm opportunities status:1'
            printf '%s\n' 'open' 'won' 'lost'
            return 0
        case 'ft:crm opportunities stage'
            printf '%s\n' '1'
            return 0
        case 'flags:crm opportunities stage'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'dyn:crm opportunities stage:1'
            printf '%s\n' 'stages'
            return 0
        case 'ft:crm opportunities pipelines'
            printf '%s\n' '1'
            return 0
        case 'sub:crm opportunities pipelines:list'
            printf '%s\n' 'list'
            return 0
        case 'sub:crm opportunities pipelines:get'
            printf '%s\n' 'get'
            return 0
        case 'subs:crm opportunities pipelines'
            printf '%s\n' 'list'\t'List pipelines' 'get'\t'Show pipelines by id (several ids: fetched concurrently)'
            return 0
        case 'flags:crm opportunities pipelines'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm opportunities pipelines list'
            printf '%s\n' '1'
            return 0
        case 'val:crm opportunities pipelines list:--page'
            return 0
        case 'val:crm opportunities pipelines list:--size'
            return 0
        case 'val:crm opportunities pipelines list:--limit'
            return 0
        case 'val:crm opportunities pipelines list:--parallel'
            return 0
        case 'val:crm opportunities pipelines list:--sort'
            printf '%s\n' 'asc' 'desc'
            return 0
        case 'val:crm opportunities pipelines list:--order-by'
            return 0
        case 'val:crm opportunities pipelines list:--filter'
            return 0
        case 'flags:crm opportunities pipelines list'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--page'\t'Page number (from 1)' '--size'\t'Records per page (1-1000)' '--all'\t'Follow every page (streams)' '--limit'\t'Stop after N records, across pages' '--parallel'\t'Pages in flight at once with --all or --limit, 1 to 16 (default 4); output stays in order' '--sort'\t'Sort order: asc or desc' '--order-by'\t'Field to sort by' '--filter'\t'Any query parameter KEY=VALUE, sent as is (repeatable)'
            return 0
        case 'ft:crm opportunities pipelines get'
            printf '%s\n' '1'
            return 0
        case 'flags:crm opportunities pipelines get'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm contacts'
            printf '%s\n' '1'
            return 0
        case 'sub:crm contacts:list'
            printf '%s\n' 'list'
            return 0
        case 'sub:crm contacts:get'
            printf '%s\n' 'get'
            return 0
        case 'sub:crm contacts:create'
            printf '%s\n' 'create'
            return 0
        case 'sub:crm contacts:update'
            printf '%s\n' 'update'
            return 0
        case 'sub:crm contacts:delete'
            printf '%s\n' 'delete'
            return 0
        case 'sub:crm contacts:import'
            printf '%s\n' 'import'
            return 0
        case 'sub:crm contacts:tag'
            printf '%s\n' 'tag'
            return 0
        case 'sub:crm contacts:merge'
            printf '%s\n' 'merge'
            return 0
        case 'subs:crm contacts'
            printf '%s\n' 'list'\t'List contacts' 'get'\t'Show contacts by id (several ids: fetched concurrently)' 'create'\t'Create a contact (requires name)' 'update'\t'Update a contact (partial: only the fields given)' 'delete'\t'Delete contacts by id' 'import'\t'Create (or with --update-by id, update) contacts from CSV, NDJSON or a JSON array; journaled, resumable' 'tag'\t'Add or remove tags of contacts by label: read each, PATCH its tags back in the shape they had' 'merge'\t'Merge contacts into TARGET (the sources are deleted, references move to TARGET)'
            return 0
        case 'flags:crm contacts'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm contacts list'
            printf '%s\n' '1'
            return 0
        case 'val:crm contacts list:--page'
            return 0
        case 'val:crm contacts list:--size'
            return 0
        case 'val:crm contacts list:--limit'
            return 0
        case 'val:crm contacts list:--parallel'
            return 0
        case 'val:crm contacts list:--sort'
            printf '%s\n' 'asc' 'desc'
            return 0
        case 'val:crm contacts list:--order-by'
            return 0
        case 'val:crm contacts list:--filter'
            return 0
        case 'val:crm contacts list:--ids'
            return 0
        case 'val:crm contacts list:--name'
            return 0
        case 'val:crm contacts list:--email'
            return 0
        case 'val:crm contacts list:--phone'
            return 0
        case 'val:crm contacts list:--tags'
            return 0
        case 'dyn:crm contacts list:--tags'
            printf '%s\n' 'tags contacts'
            return 0
        case 'val:crm contacts list:--organization-id'
            return 0
        case 'val:crm contacts list:--search'
            return 0
        case 'flags:crm contacts list'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--page'\t'Page number (from 1)' '--size'\t'Records per page (1-1000)' '--all'\t'Follow every page (streams)' '--limit'\t'Stop after N records, across pages' '--parallel'\t'Pages in flight at once with --all or --limit, 1 to 16 (default 4); output stays in order' '--sort'\t'Sort order: asc or desc' '--order-by'\t'Field to sort by' '--filter'\t'Any query parameter KEY=VALUE, sent as is (repeatable)' '--ids'\t'Contact id(s)' '--name'\t'Name contains (case-insensitive)' '--email'\t'Email address' '--phone'\t'Phone number' '--tags'\t'Tag label(s) or id(s)' '--organization-id'\t'Organization id' '--search'\t'Search name, email and organization name'
            return 0
        case 'ft:crm contacts get'
            printf '%s\n' '1'
            return 0
        case 'flags:crm contacts get'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm contacts create'
            printf '%s\n' '1'
            return 0
        case 'val:crm contacts create:-d'
            return 0
        case 'val:crm contacts create:--data'
            return 0
        case 'val:crm contacts create:-f'
            return 0
        case 'val:crm contacts create:--field'
            return 0
        case 'val:crm contacts create:-F'
            return 0
        case 'val:crm contacts create:--typed-field'
            return 0
        case 'flags:crm contacts create'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)'
            return 0
        case 'ft:crm contacts update'
            printf '%s\n' '1'
            return 0
        case 'val:crm contacts update:-d'
            return 0
        case 'val:crm contacts update:--data'
            return 0
        case 'val:crm contacts update:-f'
            return 0
        case 'val:crm contacts update:--field'
            return 0
        case 'val:crm contacts update:-F'
            return 0
        case 'val:crm contacts update:--typed-field'
            return 0
        case 'flags:crm contacts update'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)'
            return 0
        case 'ft:crm contacts delete'
            printf '%s\n' '1'
            return 0
        case 'flags:crm contacts delete'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)' '--ignore-not-found'\t'Count an id that does not exist (404) as done'
            return 0
        case 'ft:crm contacts import'
            printf '%s\n' '1'
            return 0
        case 'val:crm contacts import:--format'
            printf '%s\n' 'csv' 'ndjson' 'json'
            return 0
        case 'val:crm contacts import:--update-by'
            printf '%s\n' 'id'
            return 0
        case 'val:crm contacts import:--journal'
            return 0
        case 'val:crm contacts import:--failed-out'
            return 0
        case 'val:crm contacts import:--parallel'
            return 0
        case 'val:crm contacts import:--string-fields'
            return 0
        case 'flags:crm contacts import'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--format'\t'Input format: csv, ndjson or json (default: from the file name, else the content)' '--update-by'\t'id: PATCH the rows that have an id (the others are created)' '--journal'\t'Record each row\'s outcome in FILE; a re-run with it skips created/updated rows, retries failed ones' '--failed-out'\t'Write the failed and unknown rows to FILE, in the input format' '--parallel'\t'Requests in flight at once, 1 to 16 (default 4)' '--string-fields'\t'CSV columns always read as strings: a,b (repeatable)' '--resend-unknown'\t'Send again the creates an earlier run (per --journal) sent without an answer: they may exist already' '-y'\t'Do not ask before PATCHing rows by id (needed off a terminal with --update-by id)' '--yes'\t'Do not ask before PATCHing rows by id (needed off a terminal with --update-by id)'
            return 0
        case 'ft:crm contacts tag'
            printf '%s\n' '1'
            return 0
        case 'val:crm contacts tag:--add'
            return 0
        case 'dyn:crm contacts tag:--add'
            printf '%s\n' 'tags contacts'
            return 0
        case 'val:crm contacts tag:--remove'
            return 0
        case 'dyn:crm contacts tag:--remove'
            printf '%s\n' 'tags contacts'
            return 0
        case 'flags:crm contacts tag'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--add'\t'Tag label(s) to add: L[,L] (repeatable)' '--remove'\t'Tag label(s) to remove: L[,L] (repeatable)' '--create-missing'\t'Create --add labels the contact tag list lacks (else they are an error, exit 2)'
            return 0
        case 'ft:crm contacts merge'
            printf '%s\n' '1'
            return 0
        case 'val:crm contacts merge:--source'
            return 0
        case 'flags:crm contacts merge'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--source'\t'Id(s) merged into the target: ID[,ID...] (repeatable)' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)'
            return 0
        case 'ft:crm orgs'
            printf '%s\n' '1'
            return 0
        case 'sub:crm orgs:list'
            printf '%s\n' 'list'
            return 0
        case 'sub:crm orgs:get'
            printf '%s\n' 'get'
            return 0
        case 'sub:crm orgs:create'
            printf '%s\n' 'create'
            return 0
        case 'sub:crm orgs:update'
            printf '%s\n' 'update'
            return 0
        case 'sub:crm orgs:delete'
            printf '%s\n' 'delete'
            return 0
        case 'sub:crm orgs:import'
            printf '%s\n' 'import'
            return 0
        case 'sub:crm orgs:tag'
            printf '%s\n' 'tag'
            return 0
        case 'sub:crm orgs:merge'
            printf '%s\n' 'merge'
            return 0
        case 'subs:crm orgs'
            printf '%s\n' 'list'\t'List orgs' 'get'\t'Show orgs by id (several ids: fetched concurrently)' 'create'\t'Create an organization (requires name)' 'update'\t'Update an organization (partial: only the fields given)' 'delete'\t'Delete orgs by id' 'import'\t'Create (or with --update-by id, update) orgs from CSV, NDJSON or a JSON array; journaled, resumable' 'tag'\t'Add or remove tags of orgs by label: read each, PATCH its tags back in the shape they had' 'merge'\t'Merge orgs into TARGET (the sources are deleted, references move to TARGET)'
            return 0
        case 'flags:crm orgs'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm orgs list'
            printf '%s\n' '1'
            return 0
        case 'val:crm orgs list:--page'
            return 0
        case 'val:crm orgs list:--size'
            return 0
        case 'val:crm orgs list:--limit'
            return 0
        case 'val:crm orgs list:--parallel'
            return 0
        case 'val:crm orgs list:--sort'
            printf '%s\n' 'asc' 'desc'
            return 0
        case 'val:crm orgs list:--order-by'
            return 0
        case 'val:crm orgs list:--filter'
            return 0
        case 'val:crm orgs list:--name'
            return 0
        case 'val:crm orgs list:--address'
            return 0
        case 'val:crm orgs list:--tags'
            return 0
        case 'dyn:crm orgs list:--tags'
            printf '%s\n' 'tags orgs'
            return 0
        case 'flags:crm orgs list'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--page'\t'Page number (from 1)' '--size'\t'Records per page (1-1000)' '--all'\t'Follow every page (streams)' '--limit'\t'Stop after N records, across pages' '--parallel'\t'Pages in flight at once with --all or --limit, 1 to 16 (default 4); output stays in order' '--sort'\t'Sort order: asc or desc' '--order-by'\t'Field to sort by' '--filter'\t'Any query parameter KEY=VALUE, sent as is (repeatable)' '--name'\t'Name contains (case-insensitive)' '--address'\t'Address contains' '--tags'\t'Tag label(s) or id(s)'
            return 0
        case 'ft:crm orgs get'
            printf '%s\n' '1'
            return 0
        case 'flags:crm orgs get'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm orgs create'
            printf '%s\n' '1'
            return 0
        case 'val:crm orgs create:-d'
            return 0
        case 'val:crm orgs create:--data'
            return 0
        case 'val:crm orgs create:-f'
            return 0
        case 'val:crm orgs create:--field'
            return 0
        case 'val:crm orgs create:-F'
            return 0
        case 'val:crm orgs create:--typed-field'
            return 0
        case 'flags:crm orgs create'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)'
            return 0
        case 'ft:crm orgs update'
            printf '%s\n' '1'
            return 0
        case 'val:crm orgs update:-d'
            return 0
        case 'val:crm orgs update:--data'
            return 0
        case 'val:crm orgs update:-f'
            return 0
        case 'val:crm orgs update:--field'
            return 0
        case 'val:crm orgs update:-F'
            return 0
        case 'val:crm orgs update:--typed-field'
            return 0
        case 'flags:crm orgs update'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)'
            return 0
        case 'ft:crm orgs delete'
            printf '%s\n' '1'
            return 0
        case 'flags:crm orgs delete'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)' '--ignore-not-found'\t'Count an id that does not exist (404) as done'
            return 0
        case 'ft:crm orgs import'
            printf '%s\n' '1'
            return 0
        case 'val:crm orgs import:--format'
            printf '%s\n' 'csv' 'ndjson' 'json'
            return 0
        case 'val:crm orgs import:--update-by'
            printf '%s\n' 'id'
            return 0
        case 'val:crm orgs import:--journal'
            return 0
        case 'val:crm orgs import:--failed-out'
            return 0
        case 'val:crm orgs import:--parallel'
            return 0
        case 'val:crm orgs import:--string-fields'
            return 0
        case 'flags:crm orgs import'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--format'\t'Input format: csv, ndjson or json (default: from the file name, else the content)' '--update-by'\t'id: PATCH the rows that have an id (the others are created)' '--journal'\t'Record each row\'s outcome in FILE; a re-run with it skips created/updated rows, retries failed ones' '--failed-out'\t'Write the failed and unknown rows to FILE, in the input format' '--parallel'\t'Requests in flight at once, 1 to 16 (default 4)' '--string-fields'\t'CSV columns always read as strings: a,b (repeatable)' '--resend-unknown'\t'Send again the creates an earlier run (per --journal) sent without an answer: they may exist already' '-y'\t'Do not ask before PATCHing rows by id (needed off a terminal with --update-by id)' '--yes'\t'Do not ask before PATCHing rows by id (needed off a terminal with --update-by id)'
            return 0
        case 'ft:crm orgs tag'
            printf '%s\n' '1'
            return 0
        case 'val:crm orgs tag:--add'
            return 0
        case 'dyn:crm orgs tag:--add'
            printf '%s\n' 'tags orgs'
            return 0
        case 'val:crm orgs tag:--remove'
            return 0
        case 'dyn:crm orgs tag:--remove'
            printf '%s\n' 'tags orgs'
            return 0
        case 'flags:crm orgs tag'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--add'\t'Tag label(s) to add: L[,L] (repeatable)' '--remove'\t'Tag label(s) to remove: L[,L] (repeatable)' '--create-missing'\t'Create --add labels the organization tag list lacks (else they are an error, exit 2)'
            return 0
        case 'ft:crm orgs merge'
            printf '%s\n' '1'
            return 0
        case 'val:crm orgs merge:--source'
            return 0
        case 'flags:crm orgs merge'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--source'\t'Id(s) merged into the target: ID[,ID...] (repeatable)' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)'
            return 0
        case 'ft:crm cases'
            printf '%s\n' '1'
            return 0
        case 'sub:crm cases:list'
            printf '%s\n' 'list'
            return 0
        case 'sub:crm cases:get'
            printf '%s\n' 'get'
            return 0
        case 'sub:crm cases:create'
            printf '%s\n' 'create'
            return 0
        case 'sub:crm cases:update'
            printf '%s\n' 'update'
            return 0
        case 'sub:crm cases:delete'
            printf '%s\n' 'delete'
            return 0
        case 'sub:crm cases:import'
            printf '%s\n' 'import'
            return 0
        case 'sub:crm cases:tag'
            printf '%s\n' 'tag'
            return 0
        case 'sub:crm cases:types'
            printf '%s\n' 'types'
            return 0
        case 'subs:crm cases'
            printf '%s\n' 'list'\t'List cases' 'get'\t'Show cases by id (several ids: fetched concurrently)' 'create'\t'Create a case (requires title)' 'update'\t'Update a case (partial: only the fields given)' 'delete'\t'Delete cases by id' 'import'\t'Create (or with --update-by id, update) cases from CSV, NDJSON or a JSON array; journaled, resumable' 'tag'\t'Add or remove tags of cases by label: read each, PATCH its tags back in the shape they had' 'types'\t'Work with case types'
            return 0
        case 'flags:crm cases'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm cases list'
            printf '%s\n' '1'
            return 0
        case 'val:crm cases list:--page'
            return 0
        case 'val:crm cases list:--size'
            return 0
        case 'val:crm cases list:--limit'
            return 0
        case 'val:crm cases list:--parallel'
            return 0
        case 'val:crm cases list:--sort'
            printf '%s\n' 'asc' 'desc'
            return 0
        case 'val:crm cases list:--order-by'
            return 0
        case 'val:crm cases list:--filter'
            return 0
        case 'val:crm cases list:--title'
            return 0
        case 'val:crm cases list:--status'
            return 0
        case 'val:crm cases list:--case-type'
            return 0
        case 'val:crm cases list:--owner-id'
            return 0
        case 'val:crm cases list:--contact-id'
            return 0
        case 'val:crm cases list:--organization-id'
            return 0
        case 'val:crm cases list:--tags'
            return 0
        case 'dyn:crm cases list:--tags'
            printf '%s\n' 'tags cases'
            return 0
        case 'val:crm cases list:--created-after'
            return 0
        case 'val:crm cases list:--created-before'
            return 0
        case 'val:crm cases list:--offset'
            return 0
        case 'flags:crm cases list'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--page'\t'Page number (from 1)' '--size'\t'Records per page (1-1000)' '--all'\t'Follow every page (streams)' '--limit'\t'Stop after N records, across pages' '--parallel'\t'Pages in flight at once with --all or --limit, 1 to 16 (default 4); output stays in order' '--sort'\t'Sort order: asc or desc' '--order-by'\t'Field to sort by' '--filter'\t'Any query parameter KEY=VALUE, sent as is (repeatable)' '--title'\t'Title contains (case-insensitive)' '--status'\t'Status' '--case-type'\t'Case type: its name or id (a name is looked up first)' '--owner-id'\t'Owner id' '--contact-id'\t'Contact id(s)' '--organization-id'\t'Organization id(s)' '--tags'\t'Tag label(s) or id(s)' '--created-after'\t'Created after: ISO 8601, or relative (90d, 2w, 12h, 30m, today, yesterday; UTC)' '--created-before'\t'Created before: ISO 8601, or relative (90d, 2w, 12h, 30m, today, yesterday; UTC)' '--offset'\t'Skip this many records'
            return 0
        case 'ft:crm cases get'
            printf '%s\n' '1'
            return 0
        case 'flags:crm cases get'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm cases create'
            printf '%s\n' '1'
            return 0
        case 'val:crm cases create:-d'
            return 0
        case 'val:crm cases create:--data'
            return 0
        case 'val:crm cases create:-f'
            return 0
        case 'val:crm cases create:--field'
            return 0
        case 'val:crm cases create:-F'
            return 0
        case 'val:crm cases create:--typed-field'
            return 0
        case 'val:crm cases create:--case-type'
            return 0
        case 'flags:crm cases create'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--case-type'\t'Case type: its name or id, looked up first'
            return 0
        case 'ft:crm cases update'
            printf '%s\n' '1'
            return 0
        case 'val:crm cases update:-d'
            return 0
        case 'val:crm cases update:--data'
            return 0
        case 'val:crm cases update:-f'
            return 0
        case 'val:crm cases update:--field'
            return 0
        case 'val:crm cases update:-F'
            return 0
        case 'val:crm cases update:--typed-field'
            return 0
        case 'val:crm cases update:--case-type'
            return 0
        case 'flags:crm cases update'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--case-type'\t'Case type: its name or id, looked up first'
            return 0
        case 'ft:crm cases delete'
            printf '%s\n' '1'
            return 0
        case 'flags:crm cases delete'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)' '--ignore-not-found'\t'Count an id that does not exist (404) as done'
            return 0
        case 'ft:crm cases import'
            printf '%s\n' '1'
            return 0
        case 'val:crm cases import:--format'
            printf '%s\n' 'csv' 'ndjson' 'json'
            return 0
        case 'val:crm cases import:--update-by'
            printf '%s\n' 'id'
            return 0
        case 'val:crm cases import:--journal'
            return 0
        case 'val:crm cases import:--failed-out'
            return 0
        case 'val:crm cases import:--parallel'
            return 0
        case 'val:crm cases import:--string-fields'
            return 0
        case 'flags:crm cases import'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--format'\t'Input format: csv, ndjson or json (default: from the file name, else the content)' '--update-by'\t'id: PATCH the rows that have an id (the others are created)' '--journal'\t'Record each row\'s outcome in FILE; a re-run with it skips created/updated rows, retries failed ones' '--failed-out'\t'Write the failed and unknown rows to FILE, in the input format' '--parallel'\t'Requests in flight at once, 1 to 16 (default 4)' '--string-fields'\t'CSV columns always read as strings: a,b (repeatable)' '--resend-unknown'\t'Send again the creates an earlier run (per --journal) sent without an answer: they may exist already' '-y'\t'Do not ask before PATCHing rows by id (needed off a terminal with --update-by id)' '--yes'\t'Do not ask before PATCHing rows by id (needed off a terminal with --update-by id)'
            return 0
        case 'ft:crm cases tag'
            printf '%s\n' '1'
            return 0
        case 'val:crm cases tag:--add'
            return 0
        case 'dyn:crm cases tag:--add'
            printf '%s\n' 'tags cases'
            return 0
        case 'val:crm cases tag:--remove'
            return 0
        case 'dyn:crm cases tag:--remove'
            printf '%s\n' 'tags cases'
            return 0
        case 'flags:crm cases tag'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--add'\t'Tag label(s) to add: L[,L] (repeatable)' '--remove'\t'Tag label(s) to remove: L[,L] (repeatable)' '--create-missing'\t'Create --add labels the case tag list lacks (else they are an error, exit 2)'
            return 0
        case 'ft:crm cases types'
            printf '%s\n' '1'
            return 0
        case 'sub:crm cases types:list'
            printf '%s\n' 'list'
            return 0
        case 'sub:crm cases types:get'
            printf '%s\n' 'get'
            return 0
        case 'sub:crm cases types:create'
            printf '%s\n' 'create'
            return 0
        case 'sub:crm cases types:update'
            printf '%s\n' 'update'
            return 0
        case 'sub:crm cases types:delete'
            printf '%s\n' 'delete'
            return 0
        case 'subs:crm cases types'
            printf '%s\n' 'list'\t'List types' 'get'\t'Show types by id (several ids: fetched concurrently)' 'create'\t'Create a case type (requires label)' 'update'\t'Update a case type (partial: only the fields given)' 'delete'\t'Delete types by id'
            return 0
        case 'flags:crm cases types'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm cases types list'
            printf '%s\n' '1'
            return 0
        case 'val:crm cases types list:--page'
            return 0
        case 'val:crm cases types list:--size'
            return 0
        case 'val:crm cases types list:--limit'
            return 0
        case 'val:crm cases types list:--parallel'
            return 0
        case 'val:crm cases types list:--sort'
            printf '%s\n' 'asc' 'desc'
            return 0
        case 'val:crm cases types list:--order-by'
            return 0
        case 'val:crm cases types list:--filter'
            return 0
        case 'flags:crm cases types list'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--page'\t'Page number (from 1)' '--size'\t'Records per page (1-1000)' '--all'\t'Follow every page (streams)' '--limit'\t'Stop after N records, across pages' '--parallel'\t'Pages in flight at once with --all or --limit, 1 to 16 (default 4); output stays in order' '--sort'\t'Sort order: asc or desc' '--order-by'\t'Field to sort by' '--filter'\t'Any query parameter KEY=VALUE, sent as is (repeatable)'
            return 0
        case 'ft:crm cases types get'
            printf '%s\n' '1'
            return 0
        case 'flags:crm cases types get'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm cases types create'
            printf '%s\n' '1'
            return 0
        case 'val:crm cases types create:-d'
            return 0
        case 'val:crm cases types create:--data'
            return 0
        case 'val:crm cases types create:-f'
            return 0
        case 'val:crm cases types create:--field'
            return 0
        case 'val:crm cases types create:-F'
            return 0
        case 'val:crm cases types create:--typed-field'
            return 0
        case 'flags:crm cases types create'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)'
            return 0
        case 'ft:crm cases types update'
            printf '%s\n' '1'
            return 0
        case 'val:crm cases types update:-d'
            return 0
        case 'val:crm cases types update:--data'
            return 0
        case 'val:crm cases types update:-f'
            return 0
        case 'val:crm cases types update:--field'
            return 0
        case 'val:crm cases types update:-F'
            return 0
        case 'val:crm cases types update:--typed-field'
            return 0
        case 'flags:crm cases types update'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)'
            return 0
        case 'ft:crm cases types delete'
            printf '%s\n' '1'
            return 0
        case 'flags:crm cases types delete'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)' '--ignore-not-found'\t'Count an id that does not exist (404) as done'
            return 0
        case 'ft:crm tags'
            printf '%s\n' '1'
            return 0
        case 'sub:crm tags:list'
            printf '%s\n' 'list'
            return 0
        case 'sub:crm tags:create'
            printf '%s\n' 'create'
            return 0
        case 'sub:crm tags:update'
            printf '%s\n' 'update'
            return 0
        case 'sub:crm tags:delete'
            printf '%s\n' 'delete'
            return 0
        case 'subs:crm tags'
            printf '%s\n' 'list'\t'List the tags of an entity' 'create'\t'Create a tag' 'update'\t'Change a tag\'s label or colour' 'delete'\t'Delete tags'
            return 0
        case 'flags:crm tags'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm tags list'
            printf '%s\n' '1'
            return 0
        case 'flags:crm tags list'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'pos:crm tags list:0'
            printf '%s\n' 'leads' 'opportunities' 'contacts' 'orgs' 'cases'
            return 0
        case 'ft:crm tags create'
            printf '%s\n' '1'
            return 0
        case 'val:crm tags create:--label'
            return 0
        case 'val:crm tags create:--color'
            return 0
        case 'flags:crm tags create'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--label'\t'Tag label' '--color'\t'Colour as #rrggbb'
            return 0
        case 'pos:crm tags create:0'
            printf '%s\n' 'leads' 'opportunities' 'contacts' 'orgs' 'cases'
            return 0
        case 'ft:crm tags update'
            printf '%s\n' '1'
            return 0
        case 'val:crm tags update:--label'
            return 0
        case 'val:crm tags update:--color'
            return 0
        case 'flags:crm tags update'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--label'\t'New label' '--color'\t'New colour as #rrggbb'
            return 0
        case 'pos:crm tags update:0'
            printf '%s\n' 'leads' 'opportunities' 'contacts' 'orgs' 'cases'
            return 0
        case 'ft:crm tags delete'
            printf '%s\n' '1'
            return 0
        case 'flags:crm tags delete'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)'
            return 0
        case 'pos:crm tags delete:0'
            printf '%s\n' 'leads' 'opportunities' 'contacts' 'orgs' 'cases'
            return 0
        case 'ft:crm forms'
            printf '%s\n' '1'
            return 0
        case 'sub:crm forms:get'
            printf '%s\n' 'get'
            return 0
        case 'sub:crm forms:set'
            printf '%s\n' 'set'
            return 0
        case 'subs:crm forms'
            printf '%s\n' 'get'\t'Show the form of opportunities (also leads), contacts or orgs' 'set'\t'Replace a form (the body must hold the whole "fields" array)'
            return 0
        case 'flags:crm forms'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm forms get'
            printf '%s\n' '1'
            return 0
        case 'flags:crm forms get'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'pos:crm forms get:0'
            printf '%s\n' 'leads' 'opportunities' 'contacts' 'orgs' 'cases'
            return 0
        case 'ft:crm forms set'
            printf '%s\n' '1'
            return 0
        case 'val:crm forms set:-d'
            return 0
        case 'val:crm forms set:--data'
            return 0
        case 'val:crm forms set:-f'
            return 0
        case 'val:crm forms set:--field'
            return 0
        case 'val:crm forms set:-F'
            return 0
        case 'val:crm forms set:--typed-field'
            return 0
        case 'flags:crm forms set'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)'
            return 0
        case 'pos:crm forms set:0'
            printf '%s\n' 'leads' 'opportunities' 'contacts' 'orgs' 'cases'
            return 0
        case 'ft:crm bulk'
            printf '%s\n' '1'
            return 0
        case 'sub:crm bulk:delete'
            printf '%s\n' 'delete'
            return 0
        case 'subs:crm bulk'
            printf '%s\n' 'delete'\t'Delete many records: by --ids, --ids-from FILE|- or a list filter; journaled, resumable'
            return 0
        case 'flags:crm bulk'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm bulk delete'
            printf '%s\n' '1'
            return 0
        case 'sub:crm bulk delete:leads'
            printf '%s\n' 'leads'
            return 0
        case 'sub:crm bulk delete:lead'
            printf '%s\n' 'leads'
            return 0
        case 'sub:crm bulk delete:opportunities'
            printf '%s\n' 'opportunities'
            return 0
        case 'sub:crm bulk delete:opps'
            printf '%s\n' 'opportunities'
            return 0
        case 'sub:crm bulk delete:opportunity'
            printf '%s\n' 'opportunities'
            return 0
        case 'sub:crm bulk delete:opp'
            printf '%s\n' 'opportunities'
            return 0
        case 'sub:crm bulk delete:contacts'
            printf '%s\n' 'contacts'
            return 0
        case 'sub:crm bulk delete:contact'
            printf '%s\n' 'contacts'
            return 0
        case 'sub:crm bulk delete:orgs'
            printf '%s\n' 'orgs'
            return 0
        case 'sub:crm bulk delete:organizations'
            printf '%s\n' 'orgs'
            return 0
        case 'sub:crm bulk delete:organization'
            printf '%s\n' 'orgs'
            return 0
        case 'sub:crm bulk delete:org'
            printf '%s\n' 'orgs'
            return 0
        case 'sub:crm bulk delete:cases'
            printf '%s\n' 'cases'
            return 0
        case 'sub:crm bulk delete:case'
            printf '%s\n' 'cases'
            return 0
        case 'subs:crm bulk delete'
            printf '%s\n' 'leads'\t'Delete many leads in batches' 'lead'\t'Delete many leads in batches' 'opportunities'\t'Delete many opportunities in batches' 'opps'\t'Delete many opportunities in batches' 'opportunity'\t'Delete many opportunities in batches' 'opp'\t'Delete many opportunities in batches' 'contacts'\t'Delete many contacts in batches' 'contact'\t'Delete many contacts in batches' 'orgs'\t'Delete many orgs in batches' 'organizations'\t'Delete many orgs in batches' 'organization'\t'Delete many orgs in batches' 'org'\t'Delete many orgs in batches' 'cases'\t'Delete many cases in batches' 'case'\t'Delete many cases in batches'
            return 0
        case 'flags:crm bulk delete'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm bulk delete leads'
            printf '%s\n' '1'
            return 0
        case 'val:crm bulk delete leads:--ids'
            return 0
        case 'val:crm bulk delete leads:--ids-from'
            return 0
        case 'val:crm bulk delete leads:--batch-size'
            return 0
        case 'val:crm bulk delete leads:--parallel'
            return 0
        case 'val:crm bulk delete leads:--max-delete'
            return 0
        case 'val:crm bulk delete leads:--journal'
            return 0
        case 'val:crm bulk delete leads:--failed-out'
            return 0
        case 'val:crm bulk delete leads:--filter'
            return 0
        case 'val:crm bulk delete leads:--title'
            return 0
        case 'val:crm bulk delete leads:--contact-id'
            return 0
        case 'val:crm bulk delete leads:--organization-id'
            return 0
        case 'val:crm bulk delete leads:--tags'
            return 0
        case 'dyn:crm bulk delete leads:--tags'
            printf '%s\n' 'tags leads'
            return 0
        case 'val:crm bulk delete leads:--archived'
            printf '%s\n' 'true' 'false'
            return 0
        case 'val:crm bulk delete leads:--converted'
            printf '%s\n' 'true' 'false'
            return 0
        case 'flags:crm bulk delete leads'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--ids'\t'Ids to delete: ID[,ID...] (repeatable)' '--ids-from'\t'Read ids from FILE (- for stdin): one per line, or crm\'s json/ndjson list output' '--batch-size'\t'Ids per request, 1 to 1000 (default 100)' '--parallel'\t'Requests in flight at once, 1 to 16 (default 4)' '--max-delete'\t'Refuse (exit 2, nothing sent) when more than N records are selected; N or none (required for a delete by filter off a terminal)' '--journal'\t'Record each batch in FILE; a re-run with it skips what was accepted' '--failed-out'\t'Write the ids that failed (or got no answer) to FILE, one per line' '--ignore-not-found'\t'Ids the server does not find count as deleted' '--allow-unknown-filter'\t'Delete by a --filter KEY the API reference does not list for this entity' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)' '--filter'\t'Delete by filter: a list query parameter KEY=VALUE of this entity (repeatable)' '--title'\t'Delete by filter: Title contains (case-insensitive)' '--contact-id'\t'Delete by filter: Contact id(s)' '--organization-id'\t'Delete by filter: Organization id(s)' '--tags'\t'Delete by filter: Tag label(s) or id(s)' '--archived'\t'Delete by filter: Archived leads only (true) or none (false)' '--converted'\t'Delete by filter: Converted leads only (true) or none (false)'
            return 0
        case 'ft:crm bulk delete opportunities'
            printf '%s\n' '1'
            return 0
        case 'val:crm bulk delete opportunities:--ids'
            return 0
        case 'val:crm bulk delete opportunities:--ids-from'
            return 0
        case 'val:crm bulk delete opportunities:--batch-size'
            return 0
        case 'val:crm bulk delete opportunities:--parallel'
            return 0
        case 'val:crm bulk delete opportunities:--max-delete'
            return 0
        case 'val:crm bulk delete opportunities:--journal'
            return 0
        case 'val:crm bulk delete opportunities:--failed-out'
            return 0
        case 'val:crm bulk delete opportunities:--filter'
            return 0
        case 'val:crm bulk delete opportunities:--title'
            return 0
        case 'val:crm bulk delete opportunities:--contact-id'
            return 0
        case 'val:crm bulk delete opportunities:--organization-id'
            return 0
        case 'val:crm bulk delete opportunities:--tags'
            return 0
        case 'dyn:crm bulk delete opportunities:--tags'
            printf '%s\n' 'tags opportunities'
            return 0
        case 'val:crm bulk delete opportunities:--owner-id'
            return 0
        case 'flags:crm bulk delete opportunities'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--ids'\t'Ids to delete: ID[,ID...] (repeatable)' '--ids-from'\t'Read ids from FILE (- for stdin): one per line, or crm\'s json/ndjson list output' '--batch-size'\t'Ids per request, 1 to 1000 (default 100)' '--parallel'\t'Requests in flight at once, 1 to 16 (default 4)' '--max-delete'\t'Refuse (exit 2, nothing sent) when more than N records are selected; N or none (required for a delete by filter off a terminal)' '--journal'\t'Record each batch in FILE; a re-run with it skips what was accepted' '--failed-out'\t'Write the ids that failed (or got no answer) to FILE, one per line' '--ignore-not-found'\t'Ids the server does not find count as deleted' '--allow-unknown-filter'\t'Delete by a --filter KEY the API reference does not list for this entity' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)' '--filter'\t'Delete by filter: a list query parameter KEY=VALUE of this entity (repeatable)' '--title'\t'Delete by filter: Title contains (case-insensitive)' '--contact-id'\t'Delete by filter: Contact id(s)' '--organization-id'\t'Delete by filter: Organization id(s)' '--tags'\t'Delete by filter: Tag label(s) or id(s)' '--owner-id'\t'Delete by filter: Owner id'
            return 0
        case 'ft:crm bulk delete contacts'
            printf '%s\n' '1'
            return 0
        case 'val:crm bulk delete contacts:--ids'
            return 0
        case 'val:crm bulk delete contacts:--ids-from'
            return 0
        case 'val:crm bulk delete contacts:--batch-size'
            return 0
        case 'val:crm bulk delete contacts:--parallel'
            return 0
        case 'val:crm bulk delete contacts:--max-delete'
            return 0
        case 'val:crm bulk delete contacts:--journal'
            return 0
        case 'val:crm bulk delete contacts:--failed-out'
            return 0
        case 'val:crm bulk delete contacts:--filter'
            return 0
        case 'val:crm bulk delete contacts:--name'
            return 0
        case 'val:crm bulk delete contacts:--email'
            return 0
        case 'val:crm bulk delete contacts:--phone'
            return 0
        case 'val:crm bulk delete contacts:--tags'
            return 0
        case 'dyn:crm bulk delete contacts:--tags'
            printf '%s\n' 'tags contacts'
            return 0
        case 'val:crm bulk delete contacts:--organization-id'
            return 0
        case 'val:crm bulk delete contacts:--search'
            return 0
        case 'flags:crm bulk delete contacts'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--ids'\t'Ids to delete: ID[,ID...] (repeatable)' '--ids-from'\t'Read ids from FILE (- for stdin): one per line, or crm\'s json/ndjson list output' '--batch-size'\t'Ids per request, 1 to 1000 (default 100)' '--parallel'\t'Requests in flight at once, 1 to 16 (default 4)' '--max-delete'\t'Refuse (exit 2, nothing sent) when more than N records are selected; N or none (required for a delete by filter off a terminal)' '--journal'\t'Record each batch in FILE; a re-run with it skips what was accepted' '--failed-out'\t'Write the ids that failed (or got no answer) to FILE, one per line' '--ignore-not-found'\t'Ids the server does not find count as deleted' '--allow-unknown-filter'\t'Delete by a --filter KEY the API reference does not list for this entity' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)' '--filter'\t'Delete by filter: a list query parameter KEY=VALUE of this entity (repeatable)' '--name'\t'Delete by filter: Name contains (case-insensitive)' '--email'\t'Delete by filter: Email address' '--phone'\t'Delete by filter: Phone number' '--tags'\t'Delete by filter: Tag label(s) or id(s)' '--organization-id'\t'Delete by filter: Organization id' '--search'\t'Delete by filter: Search name, email and organization name'
            return 0
        case 'ft:crm bulk delete orgs'
            printf '%s\n' '1'
            return 0
        case 'val:crm bulk delete orgs:--ids'
            return 0
        case 'val:crm bulk delete orgs:--ids-from'
            return 0
        case 'val:crm bulk delete orgs:--batch-size'
            return 0
        case 'val:crm bulk delete orgs:--parallel'
            return 0
        case 'val:crm bulk delete orgs:--max-delete'
            return 0
        case 'val:crm bulk delete orgs:--journal'
            return 0
        case 'val:crm bulk delete orgs:--failed-out'
            return 0
        case 'val:crm bulk delete orgs:--filter'
            return 0
        case 'val:crm bulk delete orgs:--name'
            return 0
        case 'val:crm bulk delete orgs:--address'
            return 0
        case 'val:crm bulk delete orgs:--tags'
            return 0
        case 'dyn:crm bulk delete orgs:--tags'
            printf '%s\n' 'tags orgs'
            return 0
        case 'flags:crm bulk delete orgs'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--ids'\t'Ids to delete: ID[,ID...] (repeatable)' '--ids-from'\t'Read ids from FILE (- for stdin): one per line, or crm\'s json/ndjson list output' '--batch-size'\t'Ids per request, 1 to 1000 (default 100)' '--parallel'\t'Requests in flight at once, 1 to 16 (default 4)' '--max-delete'\t'Refuse (exit 2, nothing sent) when more than N records are selected; N or none (required for a delete by filter off a terminal)' '--journal'\t'Record each batch in FILE; a re-run with it skips what was accepted' '--failed-out'\t'Write the ids that failed (or got no answer) to FILE, one per line' '--ignore-not-found'\t'Ids the server does not find count as deleted' '--allow-unknown-filter'\t'Delete by a --filter KEY the API reference does not list for this entity' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)' '--filter'\t'Delete by filter: a list query parameter KEY=VALUE of this entity (repeatable)' '--name'\t'Delete by filter: Name contains (case-insensitive)' '--address'\t'Delete by filter: Address contains' '--tags'\t'Delete by filter: Tag label(s) or id(s)'
            return 0
        case 'ft:crm bulk delete cases'
            printf '%s\n' '1'
            return 0
        case 'val:crm bulk delete cases:--ids'
            return 0
        case 'val:crm bulk delete cases:--ids-from'
            return 0
        case 'val:crm bulk delete cases:--batch-size'
            return 0
        case 'val:crm bulk delete cases:--parallel'
            return 0
        case 'val:crm bulk delete cases:--max-delete'
            return 0
        case 'val:crm bulk delete cases:--journal'
            return 0
        case 'val:crm bulk delete cases:--failed-out'
            return 0
        case 'val:crm bulk delete cases:--filter'
            return 0
        case 'val:crm bulk delete cases:--title'
            return 0
        case 'val:crm bulk delete cases:--status'
            return 0
        case 'val:crm bulk delete cases:--case-type'
            return 0
        case 'val:crm bulk delete cases:--owner-id'
            return 0
        case 'val:crm bulk delete cases:--contact-id'
            return 0
        case 'val:crm bulk delete cases:--organization-id'
            return 0
        case 'val:crm bulk delete cases:--tags'
            return 0
        case 'dyn:crm bulk delete cases:--tags'
            printf '%s\n' 'tags cases'
            return 0
        case 'val:crm bulk delete cases:--created-after'
            return 0
        case 'val:crm bulk delete cases:--created-before'
            return 0
        case 'val:crm bulk delete cases:--offset'
            return 0
        case 'flags:crm bulk delete cases'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--ids'\t'Ids to delete: ID[,ID...] (repeatable)' '--ids-from'\t'Read ids from FILE (- for stdin): one per line, or crm\'s json/ndjson list output' '--batch-size'\t'Ids per request, 1 to 1000 (default 100)' '--parallel'\t'Requests in flight at once, 1 to 16 (default 4)' '--max-delete'\t'Refuse (exit 2, nothing sent) when more than N records are selected; N or none (required for a delete by filter off a terminal)' '--journal'\t'Record each batch in FILE; a re-run with it skips what was accepted' '--failed-out'\t'Write the ids that failed (or got no answer) to FILE, one per line' '--ignore-not-found'\t'Ids the server does not find count as deleted' '--allow-unknown-filter'\t'Delete by a --filter KEY the API reference does not list for this entity' '-y'\t'Do not ask for confirmation (required when not on a terminal)' '--yes'\t'Do not ask for confirmation (required when not on a terminal)' '--filter'\t'Delete by filter: a list query parameter KEY=VALUE of this entity (repeatable)' '--title'\t'Delete by filter: Title contains (case-insensitive)' '--status'\t'Delete by filter: Status' '--case-type'\t'Delete by filter: Case type: its name or id (a name is looked up first)' '--owner-id'\t'Delete by filter: Owner id' '--contact-id'\t'Delete by filter: Contact id(s)' '--organization-id'\t'Delete by filter: Organization id(s)' '--tags'\t'Delete by filter: Tag label(s) or id(s)' '--created-after'\t'Delete by filter: Created after: ISO 8601, or relative (90d, 2w, 12h, 30m, today, yesterday; UTC)' '--created-before'\t'Delete by filter: Created before: ISO 8601, or relative (90d, 2w, 12h, 30m, today, yesterday; UTC)' '--offset'\t'Delete by filter: Skip this many records'
            return 0
        case 'ft:crm api'
            printf '%s\n' '1'
            return 0
        case 'val:crm api:-X'
            printf '%s\n' 'GET' 'POST' 'PUT' 'PATCH' 'DELETE' 'HEAD'
            return 0
        case 'val:crm api:--method'
            printf '%s\n' 'GET' 'POST' 'PUT' 'PATCH' 'DELETE' 'HEAD'
            return 0
        case 'val:crm api:-q'
            return 0
        case 'val:crm api:--query'
            return 0
        case 'val:crm api:-d'
            return 0
        case 'val:crm api:--data'
            return 0
        case 'val:crm api:-f'
            return 0
        case 'val:crm api:--field'
            return 0
        case 'val:crm api:-F'
            return 0
        case 'val:crm api:--typed-field'
            return 0
        case 'flags:crm api'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '-X'\t'HTTP method (default GET, or POST with a body)' '--method'\t'HTTP method (default GET, or POST with a body)' '-q'\t'Query parameter KEY=VALUE (repeatable)' '--query'\t'Query parameter KEY=VALUE (repeatable)' '-d'\t'JSON body: inline, @FILE, or @- for standard input' '--data'\t'JSON body: inline, @FILE, or @- for standard input' '-f'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '--field'\t'Set a string field: KEY=VALUE (dotted KEY, KEY[]= appends)' '-F'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--typed-field'\t'Set a JSON field: KEY=VALUE (number, true/false/null, array, object, @FILE, else string)' '--paginate'\t'Follow every page and print the items as one list'
            return 0
        case 'ft:crm export'
            printf '%s\n' '1'
            return 0
        case 'val:crm export:--to'
            return 0
        case 'val:crm export:--format'
            printf '%s\n' 'sqlite' 'csv'
            return 0
        case 'val:crm export:--entities'
            return 0
        case 'val:crm export:--since'
            return 0
        case 'val:crm export:--full-every'
            return 0
        case 'val:crm export:--parallel'
            return 0
        case 'flags:crm export'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--to'\t'FILE.sqlite, or a DIR for --format csv; replaced only when the export succeeded' '--format'\t'sqlite or csv (default: csv when --to is a directory, else sqlite)' '--excel'\t'CSV for Excel: a UTF-8 byte-order mark and CRLF line ends' '--entities'\t'Entities to export: leads,opportunities,contacts,organizations,cases (default: all)' '--since'\t'Only records updated since WHEN: ISO 8601 or relative (90d, 2w, 12h, today)' '--incremental'\t'Refresh the last export: only records updated since its watermarks (newest first)' '--full-every'\t'With --incremental: every N runs, walk every id to remove deleted records (default 7)' '--parallel'\t'Pages in flight at once, 1 to 16 (default 4)'
            return 0
        case 'ft:crm report'
            printf '%s\n' '1'
            return 0
        case 'sub:crm report:pipeline'
            printf '%s\n' 'pipeline'
            return 0
        case 'sub:crm report:leads'
            printf '%s\n' 'leads'
            return 0
        case 'sub:crm report:cases'
            printf '%s\n' 'cases'
            return 0
        case 'subs:crm report'
            printf '%s\n' 'pipeline'\t'Open opportunities by stage (count and value), or win rate by owner, by status, by month' 'leads'\t'Leads by rating, origin, owner or month (count and value)' 'cases'\t'Cases opened and closed by week, open cases by age, or by status, priority, type, owner'
            return 0
        case 'flags:crm report'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm report pipeline'
            printf '%s\n' '1'
            return 0
        case 'val:crm report pipeline:--by'
            printf '%s\n' 'stage' 'owner' 'status' 'month'
            return 0
        case 'val:crm report pipeline:--since'
            return 0
        case 'val:crm report pipeline:--from'
            return 0
        case 'val:crm report pipeline:--parallel'
            return 0
        case 'flags:crm report pipeline'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--by'\t'Group by: stage, owner, status, month (default stage)' '--since'\t'Only records created since WHEN: ISO 8601 or relative (90d, 2w, today)' '--from'\t'Read an export (crm export --to FILE.sqlite) instead of the API' '--parallel'\t'Pages in flight at once when reading the API, 1 to 16 (default 4)'
            return 0
        case 'ft:crm report leads'
            printf '%s\n' '1'
            return 0
        case 'val:crm report leads:--by'
            printf '%s\n' 'rating' 'origin' 'owner' 'month'
            return 0
        case 'val:crm report leads:--since'
            return 0
        case 'val:crm report leads:--from'
            return 0
        case 'val:crm report leads:--parallel'
            return 0
        case 'flags:crm report leads'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--by'\t'Group by: rating, origin, owner, month (default rating)' '--since'\t'Only records created since WHEN: ISO 8601 or relative (90d, 2w, today)' '--from'\t'Read an export (crm export --to FILE.sqlite) instead of the API' '--parallel'\t'Pages in flight at once when reading the API, 1 to 16 (default 4)'
            return 0
        case 'ft:crm report cases'
            printf '%s\n' '1'
            return 0
        case 'val:crm report cases:--by'
            printf '%s\n' 'week' 'age' 'status' 'priority' 'type' 'owner'
            return 0
        case 'val:crm report cases:--since'
            return 0
        case 'val:crm report cases:--from'
            return 0
        case 'val:crm report cases:--parallel'
            return 0
        case 'flags:crm report cases'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--by'\t'Group by: week, age, status, priority, type, owner (default week)' '--since'\t'Only records created since WHEN: ISO 8601 or relative (90d, 2w, today)' '--from'\t'Read an export (crm export --to FILE.sqlite) instead of the API' '--parallel'\t'Pages in flight at once when reading the API, 1 to 16 (default 4)'
            return 0
        case 'ft:crm auth'
            printf '%s\n' '1'
            return 0
        case 'sub:crm auth:login'
            printf '%s\n' 'login'
            return 0
        case 'sub:crm auth:status'
            printf '%s\n' 'status'
            return 0
        case 'sub:crm auth:logout'
            printf '%s\n' 'logout'
            return 0
        case 'subs:crm auth'
            printf '%s\n' 'login'\t'Check the API key read from standard input with one read, then save it (and --base-url) in the profile, mode 0600' 'status'\t'Show where the key comes from and check it with one read request' 'logout'\t'Remove the API key from the profile'
            return 0
        case 'flags:crm auth'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm auth login'
            printf '%s\n' '1'
            return 0
        case 'flags:crm auth login'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm auth status'
            printf '%s\n' '1'
            return 0
        case 'flags:crm auth status'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit' '--all'\t'Every profile of the config file, each key checked (none: the credentials in use)'
            return 0
        case 'ft:crm auth logout'
            printf '%s\n' '1'
            return 0
        case 'flags:crm auth logout'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm config'
            printf '%s\n' '1'
            return 0
        case 'sub:crm config:get'
            printf '%s\n' 'get'
            return 0
        case 'sub:crm config:set'
            printf '%s\n' 'set'
            return 0
        case 'sub:crm config:unset'
            printf '%s\n' 'unset'
            return 0
        case 'sub:crm config:list'
            printf '%s\n' 'list'
            return 0
        case 'sub:crm config:profiles'
            printf '%s\n' 'profiles'
            return 0
        case 'sub:crm config:use'
            printf '%s\n' 'use'
            return 0
        case 'sub:crm config:explain'
            printf '%s\n' 'explain'
            return 0
        case 'subs:crm config'
            printf '%s\n' 'get'\t'Print a key of the profile (exit 1 when unset)' 'set'\t'Set a key of the profile (the API key: crm auth login)' 'unset'\t'Remove a key from the profile' 'list'\t'Print the profile\'s keys from the file (key redacted)' 'profiles'\t'List the profiles of the config file, the one in use marked' 'use'\t'Use this profile from now on when neither --profile nor CRM_PROFILE names one' 'explain'\t'Show every setting, its value and where it comes from'
            return 0
        case 'flags:crm config'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm config get'
            printf '%s\n' '1'
            return 0
        case 'flags:crm config get'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm config set'
            printf '%s\n' '1'
            return 0
        case 'flags:crm config set'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm config unset'
            printf '%s\n' '1'
            return 0
        case 'flags:crm config unset'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm config list'
            printf '%s\n' '1'
            return 0
        case 'flags:crm config list'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm config profiles'
            printf '%s\n' '1'
            return 0
        case 'flags:crm config profiles'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm config use'
            printf '%s\n' '1'
            return 0
        case 'flags:crm config use'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm config explain'
            printf '%s\n' '1'
            return 0
        case 'flags:crm config explain'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm completion'
            printf '%s\n' '1'
            return 0
        case 'sub:crm completion:bash'
            printf '%s\n' 'bash'
            return 0
        case 'sub:crm completion:zsh'
            printf '%s\n' 'zsh'
            return 0
        case 'sub:crm completion:fish'
            printf '%s\n' 'fish'
            return 0
        case 'subs:crm completion'
            printf '%s\n' 'bash'\t'bash: source it, or install as share/bash-completion/completions/crm' 'zsh'\t'zsh: install as _crm in a directory of $fpath' 'fish'\t'fish: install as ~/.config/fish/completions/crm.fish'
            return 0
        case 'flags:crm completion'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm completion bash'
            printf '%s\n' '1'
            return 0
        case 'flags:crm completion bash'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm completion zsh'
            printf '%s\n' '1'
            return 0
        case 'flags:crm completion zsh'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm completion fish'
            printf '%s\n' '1'
            return 0
        case 'flags:crm completion fish'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm version'
            printf '%s\n' '1'
            return 0
        case 'flags:crm version'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
        case 'ft:crm help'
            printf '%s\n' '1'
            return 0
        case 'flags:crm help'
            printf '%s\n' '-h'\t'Print this help message and exit' '--help'\t'Print this help message and exit'
            return 0
    end
    return 1
end

# Prints the key of FLAG's value as PATH accepts it: its own, or, through fallthrough, an
# ancestor's. Fails when FLAG takes no value there.
function __crm_value_key --argument-names p flag
    while true
        if __crm_data "val:$p:$flag" >/dev/null
            echo "val:$p:$flag"
            return 0
        end
        __crm_data "ft:$p" >/dev/null; or return 1
        set p (string replace -r ' [^ ]*$' '' -- $p)
    end
end

# Prints what `crm __complete KIND...` prints (labels the server knows; crm bounds the wait to
# under a second and prints nothing when it cannot tell), asking with the --profile typed on
# the line, if any.
function __crm_ask --argument-names kind
    set -l tokens (commandline -opc)
    set -l profile
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --profile
                if test $i -lt (count $tokens)
                    set profile --profile $tokens[(math $i + 1)]
                end
            case '--profile=*'
                set profile --profile (string replace -- --profile= '' $tokens[$i])
        end
    end
    command crm __complete (string split ' ' -- $kind) $profile 2>/dev/null
end

function __crm_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l cmdpath crm
    set -l npos 0
    set -l skip 0
    for w in $tokens[2..-1]
        if test $skip -eq 1
            set skip 0
        else if string match -q -- '-*' $w
            if not string match -q -- '*=*' $w; and __crm_value_key $cmdpath $w >/dev/null
                set skip 1
            end
        else if test $npos -eq 0; and __crm_data "sub:$cmdpath:$w" >/dev/null
            set cmdpath "$cmdpath "(__crm_data "sub:$cmdpath:$w")
        else
            set npos (math $npos + 1)
        end
    end

    if string match -q -- '-*' $tokens[-1]; and set -l key (__crm_value_key $cmdpath $tokens[-1])
        set -l values (__crm_data $key)
        if set -l kind (__crm_data (string replace -r '^val:' 'dyn:' -- $key))
            __crm_ask $kind
        else if test (count $values) -gt 0
            printf '%s\n' $values
        else
            __fish_complete_path $cur
        end
    else if string match -q -- '-*' $cur
        set -l p $cmdpath
        while true
            __crm_data "flags:$p"
            __crm_data "ft:$p" >/dev/null; or break
            set p (string replace -r ' [^ ]*$' '' -- $p)
        end
    else
        test $npos -eq 0; and __crm_data "subs:$cmdpath"
        __crm_data "pos:$cmdpath:$npos"
        set -l kind (__crm_data "dyn:$cmdpath:$npos"); and __crm_ask $kind
    end
    return 0
end

complete -c crm -e
complete -c crm -f -a '(__crm_complete)'
