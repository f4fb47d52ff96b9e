package org.hiehub.command.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void a_body_within_the_limit_is_read_whole() throws IOException {
        BoundedBody body = BoundedBody.read(new ByteArrayInputStream(new byte[1000]), 1000, 1000);

        assertThat(body.bytes()).hasSize(1000);
        assertThat(body.oversize()).isFalse();
    }

    @Test
    void a_body_over_the_limit_stops_one_byte_past_it_however_long_it_claims_to_be() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };

        BoundedBody body = BoundedBody.read(endless, Long.MAX_VALUE, 100_000);

        assertThat(body.bytes()).hasSize(100_001);
        assertThat(body.oversize()).isTrue();
    }
}
