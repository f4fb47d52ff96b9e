package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class HeaderOnlyParserTest {

    static final HapiContext CONTEXT = new DefaultHapiContext();
    static final String ADT = "MSH|^~\\&|ADT1|GHH|HIEHUB|HIE|20261122120000||ADT^A31^ADT_A01|C-1|P|2.5.1\r"
            + "PID|1||P-1^^^GHH^MR||Doe^Jane\rZX1weird segment\r";
    final HeaderOnlyParser parser = new HeaderOnlyParser(CONTEXT);

    @AfterAll
    static void close() throws Exception {
        CONTEXT.close();
    }

    @Test
    void a_frame_the_hub_reads_is_one_hapi_can_answer_in() {
        // before: HAPI's detector said "no encoding" for each of these, so HAPI could not encode the hub's ACK
        assertThat(parser.getEncoding("\uFEFF" + ADT)).isEqualTo("VB");
        assertThat(parser.getEncoding("\u00EF\u00BB\u00BF" + ADT)).isEqualTo("VB");
        assertThat(parser.getEncoding("\r\n" + ADT)).isEqualTo("VB");
        assertThat(parser.getEncoding(ADT)).isEqualTo("VB");
    }

    @Test
    void what_is_not_an_hl7_message_has_no_encoding() {
        assertThat(parser.getEncoding("GET / HTTP/1.1\r\n")).isNull();
        assertThat(parser.getEncoding("MSH")).isNull();
        assertThat(parser.getEncoding("")).isNull();
    }
}
