package dev.fsc.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> COLUMNS = List.of("order_id", "user_id", "amount_usd", "status", "updated_at");

    @Test
    void suggestsTheColumnOneTypoAway() {
        assertEquals(Optional.of("amount_usd"), DidYouMean.closest("amount_usdd", COLUMNS));
        assertEquals(Optional.of("status"), DidYouMean.closest("stauts", COLUMNS));
    }

    @Test
    void hintIsPhrasedAsAQuestionWithBackticks() {
        assertEquals(Optional.of("did you mean `user_id`?"), DidYouMean.hint("usr_id", COLUMNS));
    }

    @Test
    void noSuggestionForAnUnrelatedWord() {
        assertEquals(Optional.empty(), DidYouMean.closest("zebra", COLUMNS));
        assertEquals(Optional.empty(), DidYouMean.hint("price", COLUMNS));
    }

    @Test
    void noSuggestionFromNoCandidates() {
        assertEquals(Optional.empty(), DidYouMean.closest("status", List.of()));
    }

    @Test
    void differenceInCaseOnlyIsSuggested() {
        assertEquals(Optional.of("status"), DidYouMean.closest("STATUS", COLUMNS));
    }

    @Test
    void theWrongWordItselfIsNeverSuggested() {
        assertEquals(Optional.empty(), DidYouMean.closest("status", List.of("status")));
    }

    @Test
    void shortWordsAllowOneEditOnly() {
        assertEquals(Optional.of("ac"), DidYouMean.closest("ab", List.of("ac")));
        assertEquals(Optional.empty(), DidYouMean.closest("ab", List.of("xy")));
    }

    @Test
    void closestOfSeveralWinsAndTiesGoAlphabetically() {
        assertEquals(Optional.of("amount"), DidYouMean.closest("amonut", List.of("amount_usd", "amount", "count")));
        assertEquals(Optional.of("bat"), DidYouMean.closest("cat", List.of("hat", "bat")));
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
        assertEquals(0, DidYouMean.distance("same", "same"));
        assertEquals(4, DidYouMean.distance("", "abcd"));
        assertEquals(2, DidYouMean.distance("ab", "ba"));
    }
}
