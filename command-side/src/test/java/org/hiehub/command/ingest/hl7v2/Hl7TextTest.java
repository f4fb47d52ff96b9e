package org.hiehub.command.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every entry point does to the text before HAPI sees it. */
class Hl7TextTest {

    private static final String EXPECTED = "MSH|^~\\&|A\rPID|1||123\rOBX|1|ST|x||\t\r";

    @Test
    void anySegmentSeparatorBecomesOneCarriageReturn() {
        assertThat(Hl7Text.normalise("MSH|^~\\&|A\rPID|1||123\rOBX|1|ST|x||\t")).isEqualTo(EXPECTED);
        assertThat(Hl7Text.normalise("MSH|^~\\&|A\nPID|1||123\nOBX|1|ST|x||\t\n")).isEqualTo(EXPECTED);
        assertThat(Hl7Text.normalise("MSH|^~\\&|A\r\nPID|1||123\r\nOBX|1|ST|x||\t\r\n")).isEqualTo(EXPECTED);
        assertThat(Hl7Text.normalise("MSH|^~\\&|A\n\rPID|1||123\r\rOBX|1|ST|x||\t")).isEqualTo(EXPECTED);
    }

    @Test
    void dropsTheByteOrderMarkBlankSegmentsAndSpaceAroundTheMessage() {
        assertThat(Hl7Text.normalise("\uFEFF  \r\n MSH|^~\\&|A  \r\n   \r\nPID|1||123 \r\n\t\r\nOBX|1|ST|x||\t  \r\n\r\n"))
                .isEqualTo(EXPECTED);
    }

    @Test
    void dropsAUtf8ByteOrderMarkReadByteForByteAsTheMllpLayerHandsItOver() {
        assertThat(Hl7Text.normalise("\u00EF\u00BB\u00BFMSH|^~\\&|A\r\nPID|1||123\r\nOBX|1|ST|x||\t"))
                .isEqualTo(EXPECTED);
    }

    @Test
    void withoutMessageTimeEmptiesMsh7AndNothingElse() {
        String message = "MSH|^~\\&|LAB|GHH|HUB|HIE|20261122130000+0100||ORU^R01|C1|P|2.5\r"
                + "OBX|1|ST|x||20261122130000\r";

        assertThat(Hl7Text.withoutMessageTime(message))
                .isEqualTo("MSH|^~\\&|LAB|GHH|HUB|HIE|||ORU^R01|C1|P|2.5\rOBX|1|ST|x||20261122130000\r");
        assertThat(Hl7Text.withoutMessageTime("MSH#^~\\&#LAB#GHH#HUB#HIE#20261122#\r"))
                .isEqualTo("MSH#^~\\&#LAB#GHH#HUB#HIE##\r");
        assertThat(Hl7Text.withoutMessageTime("MSH|^~\\&|LAB|GHH|HUB|HIE|20261122\rPID|1|2|3|4|5|6|7\r"))
                .isEqualTo("MSH|^~\\&|LAB|GHH|HUB|HIE|\rPID|1|2|3|4|5|6|7\r");
        assertThat(Hl7Text.withoutMessageTime("MSH|^~\\&|LAB\rPID|1|2|3|4|5|6|7\r"))
                .isEqualTo("MSH|^~\\&|LAB\rPID|1|2|3|4|5|6|7\r");
    }

    @Test
    void keepsLeadingSpaceInsideTheMessageAndTabsAtTheEnd() {
        assertThat(Hl7Text.normalise("MSH|^~\\&|A\r ZXX|a\t")).isEqualTo("MSH|^~\\&|A\r ZXX|a\t\r");
    }

    @Test
    void nothingButSpaceIsEmpty() {
        assertThat(Hl7Text.normalise("")).isEmpty();
        assertThat(Hl7Text.normalise("\uFEFF \r\n\t\n")).isEmpty();
    }

    @Test
    void firstSegmentIsTheHeader() {
        assertThat(Hl7Text.firstSegment(EXPECTED)).isEqualTo("MSH|^~\\&|A");
        assertThat(Hl7Text.firstSegment("MSH|x")).isEqualTo("MSH|x");
    }
}
