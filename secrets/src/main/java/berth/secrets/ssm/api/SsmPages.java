package berth.secrets.ssm.api;

import berth.aws.paging.PageToken;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A page of a listing sorted by a string key, with Parameter Store's InvalidNextToken for tokens it did not issue. */
record SsmPages<T>(List<T> items, Optional<String> nextToken) {

    static <T> SsmPages<T> of(List<T> sortedItems, String token, Integer maxResults, int defaultMax, Function<T, String> keyFn) {
        int start = 0;
        if (token != null && !token.isEmpty()) {
            String after = PageToken.decode(token)
                    .orElseThrow(() -> SsmErrors.INVALID_NEXT_TOKEN.exception("The nextToken is not valid."));
            while (start < sortedItems.size() && keyFn.apply(sortedItems.get(start)).compareTo(after) <= 0) start++;
        }
        int size = maxResults == null ? defaultMax : maxResults;
        int end = Math.min(sortedItems.size(), start + size);
        List<T> items = List.copyOf(sortedItems.subList(start, end));
        Optional<String> next = end < sortedItems.size() && !items.isEmpty()
                ? Optional.of(PageToken.encode(keyFn.apply(items.get(items.size() - 1)))) : Optional.empty();
        return new SsmPages<>(items, next);
    }
}
