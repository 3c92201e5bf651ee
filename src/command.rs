//! The one table of named commands. Key bindings, the `:` prompt, the `?` help, the key hints and
//! `docs/keys.md` are all derived from it, so none of them can drift from what the app does.

use std::fmt;

/// Where a command applies. Lookup goes from the focused pane's scope outwards to `Global`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    /// Any pane that shows a table of rows.
    List,
    Contexts,
    S3,
    /// Views of machines with a lifecycle (EC2 instances, RDS databases): start, stop, reboot.
    Fleet,
    Ec2,
    Rds,
    Ddb,
    Lambda,
    /// Log groups and streams.
    Logs,
    /// A live tail of log events.
    Tail,
    /// The bookmarks list.
    Bookmarks,
    /// CloudFormation stacks and one stack's view.
    Cfn,
    /// CloudWatch alarms and one alarm's details.
    Alarms,
    /// The Logs Insights view.
    Insights,
    /// Charts of CloudWatch metrics.
    Charts,
    /// Secrets Manager secrets and SSM parameters: values masked until revealed.
    Secrets,
    /// One SQS queue's view.
    Sqs,
    /// One SNS topic's view.
    Sns,
    /// ECS clusters, services and tasks.
    Ecs,
}

impl Scope {
    pub const ALL: [Scope; 20] = [
        Scope::Global,
        Scope::List,
        Scope::Contexts,
        Scope::S3,
        Scope::Fleet,
        Scope::Ec2,
        Scope::Rds,
        Scope::Ddb,
        Scope::Lambda,
        Scope::Logs,
        Scope::Tail,
        Scope::Bookmarks,
        Scope::Cfn,
        Scope::Alarms,
        Scope::Insights,
        Scope::Charts,
        Scope::Secrets,
        Scope::Sqs,
        Scope::Sns,
        Scope::Ecs,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::List => "list",
            Scope::Contexts => "contexts",
            Scope::S3 => "s3",
            Scope::Fleet => "fleet",
            Scope::Ec2 => "ec2",
            Scope::Rds => "rds",
            Scope::Ddb => "ddb",
            Scope::Lambda => "lambda",
            Scope::Logs => "logs",
            Scope::Tail => "tail",
            Scope::Bookmarks => "bookmarks",
            Scope::Cfn => "cfn",
            Scope::Alarms => "alarms",
            Scope::Insights => "insights",
            Scope::Charts => "charts",
            Scope::Secrets => "secrets",
            Scope::Sqs => "sqs",
            Scope::Sns => "sns",
            Scope::Ecs => "ecs",
        }
    }

    pub fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// What a command typed at the prompt takes after its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    None,
    /// Free text, optional (e.g. a duration); the command says what it accepts.
    Text,
    Profile,
    Region,
    Theme,
}

pub struct CommandSpec {
    pub id: CommandId,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub scope: Scope,
    /// Leads to a write (as `Op::mutation` names it, or a session's audited access): hidden from
    /// help and hints, and refused before the view starts, in read-only mode. The guard still
    /// decides each request by `Op::mutation`; tests/it/writes.rs holds the two together.
    pub dangerous: bool,
    pub arg: ArgKind,
    pub description: &'static str,
}

macro_rules! command_table {
    ($( $id:ident : $name:literal $([$($alias:literal),*])?, $scope:ident, $danger:ident, $arg:ident, $desc:literal; )*) => {
        /// Every command the app knows, by identity.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CommandId { $($id),* }

        pub static COMMANDS: &[CommandSpec] = &[
            $(CommandSpec {
                id: CommandId::$id,
                name: $name,
                aliases: &[$($($alias),*)?],
                scope: Scope::$scope,
                dangerous: command_table!(@danger $danger),
                arg: ArgKind::$arg,
                description: $desc,
            }),*
        ];
    };
    (@danger safe) => { false };
    (@danger dangerous) => { true };
}

command_table! {
    Prompt: "prompt", Global, safe, None, "Open the command prompt";
    Help: "help", Global, safe, None, "Show every command and its keys";
    Quit: "quit" ["q"], Global, safe, None, "Quit from a top-level view (elsewhere: go back)";
    ForceQuit: "quit!" ["q!"], Global, safe, None, "Quit from anywhere";
    Back: "back", Global, safe, None, "Go back to the previous view, or clear the filter";
    PreviousView: "previous-view", Global, safe, None, "Show the view you were in before the last view command (again: come back)";
    JumpBack: "jump-back", Global, safe, None, "Step back through the views you opened, each as you left it";
    JumpForward: "jump-forward", Global, safe, None, "Step forward again after jump-back (Tab: terminals send it for C-i)";
    Refresh: "refresh", Global, safe, None, "Reload the current view from AWS";
    Suspend: "suspend", Global, safe, None, "Suspend awsterm to the shell (resume with fg)";
    Contexts: "contexts" ["ctx", "profiles"], Global, safe, None, "Open the profiles and contexts view";
    Regions: "regions", Global, safe, None, "Pick a region from the list";
    Profile: "profile", Global, safe, Profile, "Switch to the named profile";
    Region: "region", Global, safe, Region, "Switch to the named region";
    RegionAnyway: "region!", Global, safe, Region, "Switch to a region awsterm does not list yet (one newer than this build)";
    Theme: "theme", Global, safe, Theme, "Switch to the named colour theme";
    ToggleMouse: "mouse", Global, safe, None, "Turn mouse capture on or off";
    Up: "up", List, safe, None, "Move the selection up";
    Down: "down", List, safe, None, "Move the selection down";
    Top: "top", List, safe, None, "Jump to the first row";
    Bottom: "bottom", List, safe, None, "Jump to the last row";
    PageUp: "page-up", List, safe, None, "Move one page up";
    PageDown: "page-down", List, safe, None, "Move one page down";
    Open: "open", List, safe, Text, "Open the selected row; :open s3://BUCKET/PREFIX/, an ARN or an AWS console URL opens that resource";
    Filter: "filter", List, safe, Text, "Filter the rows (rows holding the text, best match first; fuzzy only when none does; Esc clears); in EC2, :filter state=running tag:Env=prod asks EC2 (:filter none clears)";
    Copy: "copy", List, safe, None, "Copy the selection's identifier to the clipboard";
    CopyArn: "copy-arn", List, safe, None, "Copy the selection's ARN";
    Mark: "mark", List, safe, None, "Mark or unmark the row for a bulk action, then move down";
    Sort: "sort", List, safe, None, "Sort by the next column (after the last: unsorted)";
    SortReverse: "sort-reverse", List, safe, None, "Reverse the sort order";
    LoadMore: "load-more", List, safe, None, "Load the next page of a listing that stopped (row cap, page size)";
    Identify: "identify", Contexts, safe, None, "Resolve the selected profile's account and principal";
    ReloadProfiles: "reload-profiles", Contexts, safe, None, "Re-read the AWS config and credentials files";
    Mfa: "mfa", Global, safe, None, "Type an MFA code for the active profile's role (profiles with mfa_serial)";
    SsoLogin: "sso-login", Global, safe, None, "Run aws sso login for the active profile, then retry";
    Audit: "audit", Global, safe, None, "Show the audit log: every change made from awsterm, newest first";
    Problems: "problems", Global, safe, None, "Show the problems found in your settings at start";
    Messages: "messages" ["msgs"], Global, safe, None, "Show the recent messages in full, newest first (wrapped; y copies one)";
    S3: "s3", Global, safe, Text, "Open the S3 buckets view (:s3 @profiles prod-*: every matching profile's buckets in one table)";
    Parent: "parent", S3, safe, None, "Go up one prefix";
    CopyUrl: "copy-url", S3, safe, None, "Copy the object's https URL";
    Cd: "cd", S3, safe, Text, "Jump to a prefix of this bucket (:cd logs/2026/)";
    Versions: "versions", S3, safe, None, "List the object's versions (versioned buckets)";
    Download: "download", S3, safe, None, "Download the object, or everything under the prefix, to a local directory";
    CancelTransfer: "cancel-transfer", S3, safe, None, "Stop the running download or upload (unfinished files and multipart uploads are removed)";
    CreateBucket: "create-bucket", S3, dangerous, None, "Create a bucket in the current region";
    DeleteBucket: "delete-bucket", S3, dangerous, None, "Delete the selected bucket if it is empty (type its name to confirm)";
    Upload: "upload", S3, dangerous, None, "Upload a local file or directory into the current prefix";
    Delete: "delete", S3, dangerous, None, "Delete the marked objects, or the selected object or prefix (typed confirmation)";
    Presign: "presign", S3, safe, Text, "Presigned GET URL for the object, shown and copied (:presign 15m; default 1h)";
    Ec2: "ec2", Global, safe, Text, "Open the EC2 instances view (:ec2 @all-regions, @profiles prod-*, @regions eu-*: many contexts in one table)";
    SecurityGroups: "sg" ["security-groups"], Global, safe, Text, "Open the security groups view (rules both ways, the instances using a group; :sg @all-regions or @profiles GLOB)";
    Volumes: "volumes" ["ebs"], Global, safe, Text, "Open the EBS volumes view (size, type, state, attachments; :volumes @all-regions or @profiles GLOB)";
    Rds: "rds", Global, safe, Text, "Open the RDS databases view (instances and clusters; :rds @all-regions or @profiles GLOB for many contexts)";
    Ddb: "ddb" ["dynamodb"], Global, safe, None, "Open the DynamoDB tables view";
    Partiql: "partiql", Global, safe, Text, "Run a PartiQL SELECT and show its items (:partiql SELECT * FROM \"orders\" WHERE …)";
    Query: "query", Ddb, safe, None, "Build a query or scan: table or index, key conditions, filters, projection";
    RunQuery: "run-query", Ddb, safe, None, "Run the query the form describes";
    SaveQuery: "save-query", Ddb, safe, None, "Save the query under a name, for this table";
    SavedQueries: "saved-queries", Ddb, safe, None, "Open a saved or recent query of this table";
    EditItem: "edit-item", Ddb, dangerous, None, "Edit the item in $EDITOR; the change is shown, then written only if the item is unchanged";
    NewItem: "new-item", Ddb, dangerous, None, "Add an item (written in $EDITOR; never replaces an existing key unasked)";
    DeleteItem: "delete-item", Ddb, dangerous, None, "Delete the item (type its key; only if unchanged since read)";
    LoadAll: "load-all", Ddb, safe, None, "Load page after page to the end (stops at 50,000 rows)";
    Export: "export", Ddb, safe, None, "Export every page of the results to a local .jsonl or .csv file";
    Describe: "describe", Ddb, safe, None, "Show the table's full description (keys, indexes, stream, TTL)";
    TypedJson: "typed-json", Ddb, safe, None, "Show the item as plain JSON or as DynamoDB-typed JSON";
    NextOption: "next-option", Ddb, safe, None, "In the query builder: the option's next value (Enter and Space too)";
    PrevOption: "prev-option", Ddb, safe, None, "In the query builder: the option's previous value";
    Start: "start", Fleet, dangerous, None, "Start the marked or selected instances (checked, then confirmed)";
    Stop: "stop", Fleet, dangerous, None, "Stop the marked or selected instances (checked, then confirmed)";
    Reboot: "reboot", Fleet, dangerous, None, "Reboot the marked or selected instances (checked, then confirmed)";
    Terminate: "terminate", Ec2, dangerous, None, "Terminate the marked or selected instances (type the id, or the count, to confirm)";
    ConsoleOutput: "console-output", Ec2, safe, None, "Show the instance's serial console output";
    Connect: "connect", Ec2, dangerous, None, "Open an SSM session to the instance (aws ssm start-session; audited)";
    Ssh: "ssh", Ec2, dangerous, None, "SSH to the instance (user, key and address from config; audited)";
    CopyPrivateIp: "copy-private-ip", Ec2, safe, None, "Copy the instance's private IP";
    CopyPublicIp: "copy-public-ip", Ec2, safe, None, "Copy the instance's public IP";
    Failover: "failover", Rds, dangerous, None, "Reboot a Multi-AZ database with failover to its standby";
    Snapshot: "snapshot", Rds, dangerous, None, "Create a snapshot of the selected database (name asked, with a default)";
    Snapshots: "snapshots", Rds, safe, None, "List the selected database's snapshots";
    DeleteSnapshot: "delete-snapshot", Rds, dangerous, None, "Delete the selected snapshot (type its name to confirm)";
    CopyEndpoint: "copy-endpoint", Rds, safe, None, "Copy the database's endpoint (host:port)";
    CopyConnection: "copy-connection", Rds, safe, None, "Copy a connection string for the engine (master user, never a password)";
    Lambda: "lambda" ["functions"], Global, safe, Text, "Open the Lambda functions view (:lambda @all-regions or @profiles GLOB for many contexts)";
    Logs: "logs", Global, safe, Text, "Open the CloudWatch log groups view (:logs /aws/lambda/ lists groups with that prefix)";
    Tail: "tail", Global, safe, Text, "Tail log groups by name, interleaved by time (:tail /app/api /app/worker)";
    Invoke: "invoke", Lambda, dangerous, None, "Open the invocation workbench; in it, send the payload";
    EditPayload: "edit-payload", Lambda, safe, None, "Edit the payload in place (Esc stops editing)";
    EditPayloadExternal: "edit-payload-external", Lambda, safe, None, "Edit the payload in $EDITOR";
    FormatPayload: "format-payload", Lambda, safe, None, "Check that the payload is JSON and format it";
    InvocationType: "invocation-type", Lambda, safe, None, "Cycle the invocation type: RequestResponse, Event, DryRun";
    Qualifier: "qualifier", Lambda, safe, Text, "Invoke a version or alias (:qualifier prod; empty: $LATEST)";
    SavePayload: "save-payload", Lambda, safe, None, "Save the payload under a name, for this function";
    Payloads: "payloads", Lambda, safe, None, "Open a saved or recent payload of this function";
    RenamePayload: "rename-payload", Lambda, safe, None, "Rename the selected saved payload";
    DeletePayload: "delete-payload", Lambda, safe, None, "Delete the selected saved payload (asks first)";
    Environment: "environment", Lambda, safe, None, "Show the function's environment variables, values masked";
    Reveal: "reveal", Lambda, safe, None, "Show or hide the selected variable's value";
    FunctionLogs: "function-logs", Lambda, safe, None, "Tail the function's log group from its last invocation";
    Prefix: "prefix", Logs, safe, Text, "List only log groups whose names start with this (:prefix /aws/lambda/; empty: all)";
    TailSelected: "tail-selected", Logs, safe, None, "Tail the marked or selected groups or streams";
    Pause: "pause", Tail, safe, None, "Pause (scroll back; new lines are counted) or resume following";
    Wrap: "wrap", List, safe, None, "Wrap long lines or cut them at the edge (a tail, a details document: a cut value shows whole)";
    Utc: "utc", Tail, safe, None, "Show timestamps in UTC or local time";
    Highlight: "highlight", Tail, safe, Text, "Highlight terms, each in its own colour (:highlight error timeout; empty: none)";
    Pattern: "pattern", Tail, safe, Text, "Server-side filter pattern, restarts the tail (:pattern ERROR; empty: none)";
    Since: "since", Tail, safe, Text, "Restart the tail from a time: 5m, 1h, 2d ago or 2026-11-23 14:00 (local; Z for UTC)";
    SearchNext: "search-next", Tail, safe, None, "Jump to the next line matching the search";
    SearchPrev: "search-prev", Tail, safe, None, "Jump to the previous line matching the search";
    SaveBuffer: "save-buffer", Tail, safe, None, "Save the buffered lines to a local file";
    LiveTail: "live-tail", Tail, safe, None, "Switch between Live Tail (real AWS, billed per minute) and polling";
    Insights: "insights", Global, safe, Text, "Logs Insights on log groups (:insights /app /b -- fields @message | limit 20 runs at once; :insights /app opens the editor; I from log groups or a tail)";
    InsightsRun: "run-insights", Insights, safe, None, "Run the query (a running one is stopped first; C-r inside the editor)";
    InsightsEdit: "edit-insights", Insights, safe, None, "Edit the query in place (Esc stops editing; empty: the newest 100 events)";
    InsightsGroups: "insights-groups", Insights, safe, Text, "Set the log groups to query (:insights-groups /app /b)";
    InsightsSince: "insights-since", Insights, safe, Text, "Query from a time: 5m, 1h, 2d ago or 2026-11-23 14:00 (local; Z for UTC), until now";
    InsightsStop: "stop-insights", Insights, safe, None, "Stop the running query (StopQuery)";
    InsightsExport: "export-insights", Insights, safe, None, "Export the results to a local .jsonl or .csv file";
    InsightsSave: "save-insights", Insights, safe, None, "Save the query (groups, text, time range) under a name";
    InsightsQueries: "insights-queries", Insights, safe, None, "Pick a saved or recent Insights query: Enter runs it, e fills the editor, D deletes";
    InsightsForget: "delete-insights-query", Insights, safe, None, "Delete the selected saved or recent query (in the insights-queries list; asks first)";
    Bookmark: "bm" ["bookmarks"], Global, safe, Text, "Bookmarks: :bm lists them, :bm add NAME saves this view (context, view, filter), :bm rm NAME removes one; awsterm @NAME starts in one";
    RemoveBookmark: "remove-bookmark", Bookmarks, safe, None, "Remove the selected bookmark";
    Cfn: "cfn" ["stacks"], Global, safe, Text, "Open the CloudFormation stacks view (:cfn deleted lists deleted stacks too; :cfn @all-regions or @profiles GLOB)";
    ShowDeleted: "show-deleted", Cfn, safe, None, "Show or hide deleted stacks (DELETE_COMPLETE)";
    NextSection: "next-section", Cfn, safe, None, "In a stack: the next section (events, resources, outputs, parameters)";
    PrevSection: "prev-section", Cfn, safe, None, "In a stack: the previous section";
    Template: "template", Cfn, safe, None, "Show the stack's template (JSON or YAML, as given) in the pager";
    DeleteStack: "delete-stack", Cfn, dangerous, None, "Delete the stack and what it made (type its name to confirm)";
    ContinueRollback: "continue-rollback", Cfn, dangerous, None, "Continue the update rollback of a stack in UPDATE_ROLLBACK_FAILED";
    CancelUpdate: "cancel-update", Cfn, dangerous, None, "Cancel the update of a stack in UPDATE_IN_PROGRESS (it rolls back)";
    Alarms: "alarms", Global, safe, Text, "Open the CloudWatch alarms view, ALARM first (:alarms ALARM, INSUFFICIENT_DATA or OK for one state; @all-regions or @profiles GLOB for many contexts)";
    Metrics: "metrics", Global, safe, Text, "Browse CloudWatch metrics: namespaces, then a namespace's metrics and their dimensions (:metrics AWS/EC2 opens one namespace)";
    Roles: "roles" ["iam-roles"], Global, safe, Text, "Open the IAM roles view (trusted principals, last used; Enter: trust policy, attached and inline policies; :roles @profiles GLOB lists each account once)";
    Users: "users" ["iam-users"], Global, safe, Text, "Open the IAM users view (groups, MFA, access keys with their age and last use; :users @profiles GLOB lists each account once)";
    Policies: "policies" ["iam-policies"], Global, safe, Text, "Open the IAM managed policies view (customer managed first; Enter: the default version's statements and what it is attached to)";
    AlarmResource: "alarm-resource", Alarms, safe, None, "Open the resource the alarm watches (instance, function, table, database, log group…), in the alarm's context";
    AlarmSettings: "alarm-settings", Alarms, safe, None, "Show all the alarm's settings in the pager";
    Charts: "charts", List, safe, None, "Chart the selected resource's CloudWatch metrics (EC2 instance, RDS database, Lambda function, DynamoDB table), in the row's context";
    Range1h: "range-1h", Charts, safe, None, "Charts over the last hour (1-minute points)";
    Range3h: "range-3h", Charts, safe, None, "Charts over the last 3 hours (1-minute points)";
    Range12h: "range-12h", Charts, safe, None, "Charts over the last 12 hours (5-minute points)";
    Range1d: "range-1d", Charts, safe, None, "Charts over the last day (5-minute points)";
    Range7d: "range-7d", Charts, safe, None, "Charts over the last 7 days (1-hour points)";
    Elb: "elb" ["load-balancers", "lb"], Global, safe, Text, "Open the load balancers view (ALB, NLB, GWLB; Enter: listeners, rules and target health; copy: the DNS name; @all-regions or @profiles GLOB)";
    TargetGroups: "tg" ["targetgroups", "target-groups"], Global, safe, Text, "Open the target groups view with healthy/unhealthy counts (Enter: targets, unhealthy first, with the reason)";
    Route53: "r53" ["route53", "hosted-zones"], Global, safe, Text, "Open the Route 53 hosted zones view (Enter: the zone's record sets; @profiles GLOB lists each account once)";
    Tagged: "tagged", Global, safe, Text, "Every resource with these tags (:tagged Env=prod team, KEY alone: any value; type=ec2:instance narrows; @all-regions or @profiles GLOB); Enter opens it";
    Secrets: "secrets", Global, safe, Text, "Open the Secrets Manager view: metadata only, a value only on x inside a secret (:secrets @all-regions or @profiles GLOB)";
    Params: "params" ["parameters", "ssm"], Global, safe, Text, "Open SSM parameters as a tree by path (:params /app/prod; SecureString values masked; @all-regions or @profiles GLOB)";
    RevealValue: "reveal-value", Secrets, safe, None, "Fetch the value of the selected secret version or parameter, then show or hide one masked value at a time";
    RevealAll: "reveal-all", Secrets, safe, None, "Show or hide every value already fetched";
    PutParameter: "put-parameter", Secrets, dangerous, None, "Put a new version of the parameter (same type; the value in $EDITOR, a SecureString in a masked prompt; confirmed)";
    NewParameter: "new-parameter", Secrets, dangerous, None, "Create a parameter under the listed path (name, type, value; a SecureString's masked while typed), confirmed, sent once without overwrite";
    Sqs: "sqs" ["queues"], Global, safe, Text, "Open the SQS queues view: messages visible, in flight, delayed, DLQ (:sqs @all-regions or @profiles GLOB)";
    Peek: "peek", Sqs, dangerous, None, "Peek up to 10 messages (visibility 0: they stay visible, but each receive counts toward the DLQ)";
    SendMessage: "send-message", Sqs, dangerous, None, "Send a message written in $EDITOR (FIFO: group id asked), confirmed, sent once";
    PurgeQueue: "purge-queue", Sqs, dangerous, None, "Delete every message in the queue (type its name to confirm; once per 60 s)";
    Redrive: "redrive", Sqs, dangerous, None, "Move a DLQ's messages back to their source queues (StartMessageMoveTask; progress shown)";
    CancelRedrive: "cancel-redrive", Sqs, dangerous, None, "Cancel the running message move of this DLQ";
    QueueAttributes: "queue-attributes", Sqs, safe, None, "Show all the queue's attributes, policies and tags in the pager";
    Sns: "sns" ["topics"], Global, safe, Text, "Open the SNS topics view: subscriptions confirmed and pending (:sns @all-regions or @profiles GLOB)";
    Publish: "publish", Sns, dangerous, None, "Publish a message written in $EDITOR (subject, attributes, body), confirmed, sent once";
    TopicAttributes: "topic-attributes", Sns, safe, None, "Show all the topic's attributes and its access policy in the pager";
    Ecs: "ecs", Global, safe, Text, "Open the ECS clusters view: Enter lists a cluster's services, t its tasks (:ecs @all-regions or @profiles GLOB)";
    EcsTasks: "tasks", Ecs, safe, None, "List the tasks of the selected cluster or service (running; T for the stopped ones)";
    ShowStopped: "show-stopped", Ecs, safe, None, "Tasks: list the stopped tasks (with why they stopped) instead of the running ones, or back";
    TaskLogs: "task-logs", Ecs, safe, None, "Tail the task's container logs (awslogs group and stream from its task definition)";
    EcsExec: "ecs-exec", Ecs, dangerous, None, "Open a shell in the task's container (aws ecs execute-command --interactive; audited)";
    ScaleService: "scale", Ecs, dangerous, None, "Set the service's desired count (asks for the count, shows the change, confirms)";
    ForceDeploy: "force-deploy", Ecs, dangerous, None, "Force a new deployment of the service: every task replaced, same task definition (confirmed)";
}

/// The commands that open a top-level view (each replaces the one on screen), most used
/// first: the prompt offers them before anything else, and the profiles view names the first.
pub const VIEW_COMMANDS: &[CommandId] = &[
    CommandId::S3,
    CommandId::Ec2,
    CommandId::Rds,
    CommandId::Ddb,
    CommandId::Lambda,
    CommandId::Logs,
    CommandId::Tail,
    CommandId::Insights,
    CommandId::SecurityGroups,
    CommandId::Volumes,
    CommandId::Cfn,
    CommandId::Ecs,
    CommandId::Alarms,
    CommandId::Metrics,
    CommandId::Roles,
    CommandId::Users,
    CommandId::Policies,
    CommandId::Elb,
    CommandId::TargetGroups,
    CommandId::Route53,
    CommandId::Tagged,
    CommandId::Secrets,
    CommandId::Params,
    CommandId::Sqs,
    CommandId::Sns,
    CommandId::Partiql,
    CommandId::Audit,
    CommandId::Contexts,
];

impl CommandId {
    pub fn spec(self) -> &'static CommandSpec {
        // The table is generated in declaration order, so the discriminant is the index.
        &COMMANDS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn from_name(name: &str) -> Option<CommandId> {
        COMMANDS
            .iter()
            .find(|c| c.name == name || c.aliases.contains(&name))
            .map(|c| c.id)
    }
}

impl fmt::Display for CommandId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The commands offered to the user: dangerous ones vanish in read-only mode.
pub fn available(read_only: bool) -> impl Iterator<Item = &'static CommandSpec> {
    available_in(COMMANDS, read_only)
}

pub fn available_in(
    table: &'static [CommandSpec],
    read_only: bool,
) -> impl Iterator<Item = &'static CommandSpec> {
    table.iter().filter(move |c| !(read_only && c.dangerous))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_index_the_table() {
        for (i, spec) in COMMANDS.iter().enumerate() {
            assert_eq!(spec.id as usize, i);
            assert_eq!(spec.id.spec().name, spec.name);
        }
    }

    #[test]
    fn names_and_aliases_are_unique() {
        let mut seen = HashSet::new();
        for spec in COMMANDS {
            for name in std::iter::once(&spec.name).chain(spec.aliases) {
                assert!(seen.insert(*name), "{name} is used twice");
            }
        }
    }

    #[test]
    fn lookup_by_alias() {
        assert_eq!(CommandId::from_name("q"), Some(CommandId::Quit));
        assert_eq!(CommandId::from_name("ctx"), Some(CommandId::Contexts));
        assert_eq!(CommandId::from_name("nope"), None);
    }

    #[test]
    fn read_only_hides_dangerous_commands() {
        static TABLE: &[CommandSpec] = &[
            CommandSpec {
                id: CommandId::Refresh,
                name: "refresh",
                aliases: &[],
                scope: Scope::Global,
                dangerous: false,
                arg: ArgKind::None,
                description: "",
            },
            CommandSpec {
                id: CommandId::Open,
                name: "terminate",
                aliases: &[],
                scope: Scope::List,
                dangerous: true,
                arg: ArgKind::None,
                description: "",
            },
        ];
        assert_eq!(available_in(TABLE, false).count(), 2);
        let names: Vec<_> = available_in(TABLE, true).map(|c| c.name).collect();
        assert_eq!(names, ["refresh"]);
    }
}
