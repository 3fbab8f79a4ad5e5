package berth.iam.api;

import berth.aws.paging.PageToken;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of an IAM listing: {@code Marker}/{@code MaxItems} in, {@code IsTruncated} and the next
 * {@code Marker} out. Markers carry the key of the last item returned, so items added or removed
 * between pages neither repeat nor shift the listing.
 *
 * @param nextMarker present exactly when the listing is truncated
 */
record IamPage<T>(List<T> items, boolean truncated, Optional<String> nextMarker) {
    static final int DEFAULT_MAX_ITEMS = 100;

    /** @param sortedItems sorted ascending by {@code keyFn} in {@code String} order, keys unique */
    static <T> IamPage<T> of(List<T> sortedItems, String marker, Integer maxItems, Function<T, String> keyFn) {
        int size = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        int start = 0;
        if (marker != null) {
            String after = PageToken.decode(marker).orElseThrow(() -> IamErrors.validation("Invalid Marker: " + marker));
            while (start < sortedItems.size() && keyFn.apply(sortedItems.get(start)).compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(sortedItems.size(), start + size);
        List<T> items = List.copyOf(sortedItems.subList(start, end));
        boolean truncated = end < sortedItems.size();
        Optional<String> next = truncated ? Optional.of(PageToken.encode(keyFn.apply(items.get(items.size() - 1))))
                : Optional.empty();
        return new IamPage<>(items, truncated, next);
    }
}
