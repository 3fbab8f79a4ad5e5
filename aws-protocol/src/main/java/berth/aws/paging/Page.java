package berth.aws.paging;

import berth.aws.AwsValidationException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a listing and the token of the next page, as AWS list operations return them.
 *
 * @param nextToken present when more items follow
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {

    /**
     * The page of {@code sortedItems} that follows {@code nextToken}.
     *
     * @param sortedItems all items, sorted ascending by {@code keyFn} in natural {@code String} order,
     *     keys unique; the page after a token starts at the first key greater than the token's, so
     *     items added or removed between calls neither repeat nor shift the listing
     * @param nextToken the request's token as the SDK model holds it: {@code null} or empty for the first page
     * @param maxResults the request's page size as the SDK model holds it: {@code null} for {@code defaultMax}
     * @throws AwsValidationException for a token berth did not issue or a page size outside 1..{@code maxMax}
     */
    public static <T> Page<T> of(List<T> sortedItems, String nextToken, Integer maxResults, int defaultMax, int maxMax,
                                 Function<T, String> keyFn) {
        int size = maxResults == null ? defaultMax : maxResults;
        if (size < 1) {
            throw new AwsValidationException("1 validation error detected: Value '" + size + "' at 'maxResults' failed"
                    + " to satisfy constraint: Member must have value greater than or equal to 1");
        }
        if (size > maxMax) {
            throw new AwsValidationException("1 validation error detected: Value '" + size + "' at 'maxResults' failed"
                    + " to satisfy constraint: Member must have value less than or equal to " + maxMax);
        }
        int start = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            String after = PageToken.decode(nextToken)
                    .orElseThrow(() -> new AwsValidationException("The nextToken is not valid: " + nextToken));
            start = firstKeyAfter(sortedItems, after, keyFn);
        }
        int end = Math.min(sortedItems.size(), start + size);
        List<T> items = List.copyOf(sortedItems.subList(start, end));
        Optional<String> next = end < sortedItems.size() && !items.isEmpty()
                ? Optional.of(PageToken.encode(keyFn.apply(items.get(items.size() - 1)))) : Optional.empty();
        return new Page<>(items, next);
    }

    private static <T> int firstKeyAfter(List<T> sortedItems, String after, Function<T, String> keyFn) {
        int low = 0;
        int high = sortedItems.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (keyFn.apply(sortedItems.get(mid)).compareTo(after) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
