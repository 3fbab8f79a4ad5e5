package berth.secrets.manager.api;

import berth.aws.AwsException;
import berth.aws.RequestContext;
import berth.aws.paging.PageToken;
import berth.platform.RecordTable.Versioned;
import berth.secrets.manager.core.Secret;
import berth.secrets.manager.core.SecretFilter;
import berth.secrets.manager.core.SecretStages;
import berth.secrets.manager.core.SecretVersion;
import berth.secrets.manager.state.SecretRecords;
import berth.store.VersionConflict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SortOrderType;

/** GetSecretValue, DescribeSecret, ListSecrets, ListSecretVersionIds. */
final class SecretReadApi {
    private static final long DAY_MILLIS = 86_400_000L;

    private final SecretRecords records;
    private final SecretLookup lookup;
    private final Clock clock;

    SecretReadApi(SecretRecords records, Clock clock) {
        this.records = records;
        this.lookup = new SecretLookup(records);
        this.clock = clock;
    }

    GetSecretValueResponse getValue(GetSecretValueRequest request, RequestContext ctx) {
        Versioned<Secret> found = lookup.requireLive(request.secretId(), ctx);
        Secret secret = found.value();
        SecretVersion version = switch (SecretStages.select(secret, nullToEmpty(request.versionId()),
                nullToEmpty(request.versionStage()))) {
            case SecretStages.Found f -> f.version();
            case SecretStages.NoSuchVersion v -> throw SecretsErrors.noValueForVersion(v.versionId());
            case SecretStages.NoSuchStage s -> throw SecretsErrors.RESOURCE_NOT_FOUND.exception(
                    "Secrets Manager can't find the specified secret value for staging label: " + s.stage());
            case SecretStages.StageNotOnVersion m -> throw SecretsErrors.INVALID_REQUEST.exception(
                    "You provided a VersionStage that is not associated to the provided VersionId.");
        };
        noteAccess(found);
        var response = GetSecretValueResponse.builder().arn(secret.arn()).name(secret.name())
                .versionId(version.versionId()).versionStages(version.stages())
                .createdDate(SecretMapping.instant(version.createdMillis()));
        if (version.hasString()) response.secretString(version.secretString());
        if (version.hasBinary()) response.secretBinary(SdkBytes.fromByteArray(version.secretBinary()));
        return response.build();
    }

    /** Records the day of the read (Secrets Manager keeps only the date), writing at most once a day. */
    private void noteAccess(Versioned<Secret> found) {
        long today = clock.millis() / DAY_MILLIS * DAY_MILLIS;
        if (found.value().lastAccessedMillis() == today) return;
        try {
            records.save(found.value().withLastAccessed(today), found.version());
        } catch (VersionConflict changedMeanwhile) {
            // another write won; the next read records the access
        }
    }

    DescribeSecretResponse describe(DescribeSecretRequest request, RequestContext ctx) {
        Secret secret = lookup.require(request.secretId(), ctx).value();
        var response = DescribeSecretResponse.builder()
                .arn(secret.arn()).name(secret.name())
                .createdDate(SecretMapping.instant(secret.createdMillis()))
                .lastChangedDate(SecretMapping.instant(secret.lastChangedMillis()))
                .lastAccessedDate(SecretMapping.instant(secret.lastAccessedMillis()))
                .deletedDate(SecretMapping.instant(secret.deletedMillis()))
                .rotationEnabled(false)
                .versionIdsToStages(SecretMapping.versionsToStages(secret));
        if (!secret.description().isEmpty()) response.description(secret.description());
        if (!secret.kmsKeyId().isEmpty()) response.kmsKeyId(secret.kmsKeyId());
        if (!secret.tags().isEmpty()) response.tags(SecretMapping.tags(secret));
        return response.build();
    }

    ListSecretsResponse list(ListSecretsRequest request, RequestContext ctx) {
        List<SecretFilter> filters = request.filters().stream()
                .map(f -> new SecretFilter(f.keyAsString(), f.values())).toList();
        boolean includeDeleted = Boolean.TRUE.equals(request.includePlannedDeletion());
        boolean ascending = request.sortOrder() == SortOrderType.ASC;
        List<Secret> matching = new ArrayList<>();
        for (Secret secret : records.list(ctx.scope())) {
            if (secret.scheduledForDeletion() && !includeDeleted) continue;
            if (SecretFilter.all(filters, secret)) matching.add(secret);
        }
        Comparator<Secret> order = Comparator.comparingLong(Secret::createdMillis).thenComparing(Secret::name);
        if (!ascending) order = order.reversed();
        matching.sort(order);
        int start = 0;
        if (request.nextToken() != null && !request.nextToken().isEmpty()) {
            String key = PageToken.decode(request.nextToken()).orElseThrow(SecretReadApi::badToken);
            int bar = key.indexOf('|');
            if (bar < 0) throw badToken();
            long value;
            try {
                value = Long.parseLong(key.substring(0, bar));
            } catch (NumberFormatException e) {
                throw badToken();
            }
            String name = key.substring(bar + 1);
            while (start < matching.size() && compare(matching.get(start), value, name, ascending) <= 0) start++;
        }
        int limit = request.maxResults() == null ? 100 : request.maxResults();
        int end = Math.min(matching.size(), start + limit);
        List<SecretListEntry> entries = new ArrayList<>();
        for (Secret secret : matching.subList(start, end)) entries.add(entry(secret));
        var response = ListSecretsResponse.builder().secretList(entries);
        if (end < matching.size() && end > start) {
            Secret last = matching.get(end - 1);
            response.nextToken(PageToken.encode(last.createdMillis() + "|" + last.name()));
        }
        return response.build();
    }

    private static AwsException badToken() {
        return SecretsErrors.INVALID_NEXT_TOKEN.exception("The NextToken value is invalid.");
    }

    /** How a secret sorts against the page key (created, name) in the requested direction. */
    private static int compare(Secret secret, long value, String name, boolean ascending) {
        int result = Long.compare(secret.createdMillis(), value);
        if (result == 0) result = secret.name().compareTo(name);
        return ascending ? result : -result;
    }

    private static SecretListEntry entry(Secret secret) {
        var entry = SecretListEntry.builder().arn(secret.arn()).name(secret.name())
                .createdDate(SecretMapping.instant(secret.createdMillis()))
                .lastChangedDate(SecretMapping.instant(secret.lastChangedMillis()))
                .lastAccessedDate(SecretMapping.instant(secret.lastAccessedMillis()))
                .deletedDate(SecretMapping.instant(secret.deletedMillis()))
                .secretVersionsToStages(SecretMapping.versionsToStages(secret));
        if (!secret.description().isEmpty()) entry.description(secret.description());
        if (!secret.kmsKeyId().isEmpty()) entry.kmsKeyId(secret.kmsKeyId());
        if (!secret.tags().isEmpty()) entry.tags(SecretMapping.tags(secret));
        return entry.build();
    }

    ListSecretVersionIdsResponse listVersions(ListSecretVersionIdsRequest request, RequestContext ctx) {
        Secret secret = lookup.requireLive(request.secretId(), ctx).value();
        boolean deprecatedToo = Boolean.TRUE.equals(request.includeDeprecated());
        List<SecretVersion> versions = secret.versions().stream()
                .filter(v -> deprecatedToo || !v.stages().isEmpty())
                .sorted(Comparator.comparing(SecretVersion::versionId))
                .toList();
        var page = berth.aws.paging.Page.of(versions, request.nextToken(), request.maxResults(), 100, 100,
                SecretVersion::versionId);
        List<SecretVersionsListEntry> entries = page.items().stream().map(v -> SecretVersionsListEntry.builder()
                .versionId(v.versionId()).versionStages(v.stages()).createdDate(SecretMapping.instant(v.createdMillis()))
                .build()).toList();
        return ListSecretVersionIdsResponse.builder().arn(secret.arn()).name(secret.name()).versions(entries)
                .nextToken(page.nextToken().orElse(null)).build();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
