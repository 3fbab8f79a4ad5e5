package berth.aws.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.aws.AwsValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PageTest {
    private static final List<String> ITEMS = List.of("a", "b", "c", "d", "e");

    @Test
    void walksEveryItemOnceInPagesOfTheRequestedSize() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<String> page = Page.of(ITEMS, token, 2, 100, 100, Function.identity());
            seen.addAll(page.items());
            token = page.nextToken().orElse(null);
            pages++;
        } while (token != null);

        assertThat(seen).isEqualTo(ITEMS);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void resumesAfterTheLastKeyEvenWhenItemsChangeBetweenCalls() {
        Page<String> first = Page.of(ITEMS, "", null, 2, 10, Function.identity());
        Page<String> second = Page.of(List.of("a", "c", "d", "e"), first.nextToken().orElseThrow(), null, 2, 10,
                Function.identity());

        assertThat(first.items()).containsExactly("a", "b");
        assertThat(second.items()).containsExactly("c", "d");
        assertThat(Page.of(ITEMS, null, null, 10, 10, Function.identity()).nextToken()).isEmpty();
    }

    @Test
    void rejectsForeignTokensAndPageSizesOutOfRange() {
        String issued = PageToken.encode("b");
        String edited = PageToken.encode("z").substring(0, 2) + issued.substring(2);

        assertThatThrownBy(() -> Page.of(ITEMS, "garbage", null, 2, 10, Function.identity()))
                .isInstanceOf(AwsValidationException.class);
        assertThatThrownBy(() -> Page.of(ITEMS, edited, null, 2, 10, Function.identity()))
                .isInstanceOf(AwsValidationException.class);
        assertThatThrownBy(() -> Page.of(ITEMS, null, 0, 2, 10, Function.identity()))
                .isInstanceOf(AwsValidationException.class).hasMessageContaining("greater than or equal to 1");
        assertThatThrownBy(() -> Page.of(ITEMS, null, 11, 2, 10, Function.identity()))
                .isInstanceOf(AwsValidationException.class).hasMessageContaining("less than or equal to 10");
        assertThat(PageToken.decode(issued)).contains("b");
    }
}
