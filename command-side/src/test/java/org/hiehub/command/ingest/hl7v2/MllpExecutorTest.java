package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MllpExecutorTest {

    @Test
    void hapis_per_frame_task_is_still_the_class_the_executor_runs_inline() throws Exception {
        Class<?> grunt = Class.forName(MllpExecutor.FRAME_TASK);

        assertThat(Runnable.class).isAssignableFrom(grunt);
        assertThat(grunt.getEnclosingClass()).isEqualTo(ca.uhn.hl7v2.app.Receiver.class);
    }
}
