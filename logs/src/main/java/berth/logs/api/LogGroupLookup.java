package berth.logs.api;

import berth.aws.RequestContext;
import berth.logs.core.LogArns;
import berth.logs.core.LogGroup;
import berth.logs.core.LogNames;
import berth.platform.RecordTable.Versioned;
import berth.logs.state.LogRecords;

/** Finds the log group a request names, by {@code logGroupName} or {@code logGroupIdentifier} (a name or an ARN). */
final class LogGroupLookup {
    private final LogRecords records;

    LogGroupLookup(LogRecords records) {
        this.records = records;
    }

    Versioned<LogGroup> require(String logGroupName, String logGroupIdentifier, RequestContext ctx) {
        return records.group(ctx.scope(), nameOf(logGroupName, logGroupIdentifier, ctx))
                .orElseThrow(LogsErrors::groupNotFound);
    }

    Versioned<LogGroup> require(String logGroupName, RequestContext ctx) {
        return require(logGroupName, null, ctx);
    }

    /** The group name a request means; an ARN of another account or region names no group of the caller's. */
    static String nameOf(String logGroupName, String logGroupIdentifier, RequestContext ctx) {
        boolean byName = logGroupName != null;
        boolean byIdentifier = logGroupIdentifier != null;
        if (byName && byIdentifier) {
            throw LogsErrors.INVALID_PARAMETER.exception("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (!byName && !byIdentifier) {
            throw LogsErrors.INVALID_PARAMETER.exception("Either logGroupName or logGroupIdentifier must be specified.");
        }
        if (byName) {
            LogNames.groupNameProblem("logGroupName", logGroupName).ifPresent(m -> {
                throw LogsErrors.INVALID_PARAMETER.exception(m);
            });
            return logGroupName;
        }
        return nameOfIdentifier(logGroupIdentifier, ctx);
    }

    static String nameOfIdentifier(String identifier, RequestContext ctx) {
        if (identifier.startsWith("arn:")) {
            LogArns.GroupRef ref = LogArns.parseGroup(identifier)
                    .orElseThrow(() -> LogsErrors.INVALID_PARAMETER.exception("Invalid log group identifier: " + identifier));
            if (!ref.scope().equals(ctx.scope())) {
                throw LogsErrors.groupNotFound();
            }
            return ref.name();
        }
        LogNames.groupNameProblem("logGroupIdentifier", identifier).ifPresent(m -> {
            throw LogsErrors.INVALID_PARAMETER.exception(m);
        });
        return identifier;
    }
}
