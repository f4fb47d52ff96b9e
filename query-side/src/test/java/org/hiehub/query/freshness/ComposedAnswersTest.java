package org.hiehub.query.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComposedAnswersTest {

    private final ComposedAnswers<String> answers = new ComposedAnswers<>(10);

    @Test
    void an_answer_is_served_while_the_views_stay_in_the_state_it_was_composed_at() {
        answers.put("patient-1", new ViewState("summary=0:40[];g0 ", 1), "composed at 40");

        assertThat(answers.get("patient-1", new ViewState("summary=0:40[];g0 ", 2))).isEqualTo("composed at 40");
        assertThat(answers.get("patient-2", new ViewState("summary=0:40[];g0 ", 2))).isNull();
    }

    @Test
    void a_new_position_a_filled_gap_or_a_new_generation_is_another_state() {
        answers.put("patient-1", new ViewState("summary=0:40[38];g0 ", 1), "composed");

        assertThat(answers.get("patient-1", new ViewState("summary=0:41[38];g0 ", 2))).isNull();
        assertThat(answers.get("patient-1", new ViewState("summary=0:40[];g0 ", 2))).isNull();
        assertThat(answers.get("patient-1", new ViewState("summary=0:40[38];g1 ", 2))).isNull();
    }

    @Test
    void a_newer_state_drops_every_answer_of_the_older_one() {
        answers.put("patient-1", new ViewState("summary=0:40[];g0 ", 1), "old");
        answers.put("patient-2", new ViewState("summary=0:41[];g0 ", 2), "new");

        assertThat(answers.get("patient-1", new ViewState("summary=0:40[];g0 ", 3))).isNull();
        assertThat(answers.get("patient-2", new ViewState("summary=0:41[];g0 ", 3))).isEqualTo("new");
    }

    @Test
    void a_request_that_read_an_older_state_keeps_nothing() {
        answers.put("patient-1", new ViewState("summary=0:41[];g0 ", 5), "newer");
        answers.put("patient-2", new ViewState("summary=0:40[];g0 ", 4), "older");

        assertThat(answers.get("patient-1", new ViewState("summary=0:41[];g0 ", 6))).isEqualTo("newer");
        assertThat(answers.get("patient-2", new ViewState("summary=0:40[];g0 ", 6))).isNull();
    }

    @Test
    void no_more_answers_are_kept_than_the_limit() {
        ComposedAnswers<String> two = new ComposedAnswers<>(2);
        ViewState state = new ViewState("summary=0:40[];g0 ", 1);
        two.put("a", state, "a");
        two.put("b", state, "b");
        two.put("c", state, "c");

        assertThat(two.get("c", state)).isNull();
        assertThat(two.get("a", state)).isEqualTo("a");
    }
}
