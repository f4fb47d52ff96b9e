package org.hiehub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The bearer-token and firewall checks written as loops answer exactly as Spring's regular expressions do. */
class RegexFreeChecksTest {

    // Spring Security 6.5's own patterns (StrictHttpFirewall, DefaultBearerTokenResolver)
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void header_and_parameter_checks_agree_with_the_firewall_patterns() {
        List<String> samples = new ArrayList<>(List.of("", "Bearer abc.def", "a\tb", "a\nb", "a\u0000b", "x\u007fy",
                "caf\u00e9", "\u0085", "\u0378", "emoji \ud83d\ude00", "lone \ud83d", "lone \ude00 low", "\u2028",
                "\u00a0", "\ufeff", "\uffff", "\udb40\udc01", "\t"));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(6); j > 0; j--) {
                int range = random.nextInt(4);
                s.appendCodePoint(range == 0 ? random.nextInt(0x80) : range == 1 ? random.nextInt(0x800)
                        : range == 2 ? random.nextInt(0x10000) : random.nextInt(0x110000));
            }
            samples.add(s.toString());
        }
        for (String sample : samples) {
            assertThat(HeaderCharacters.NAMES.test(sample)).as("name %s", sample.codePoints().boxed().toList())
                    .isEqualTo(NAMES.matcher(sample).matches());
            assertThat(HeaderCharacters.VALUES.test(sample)).as("value %s", sample.codePoints().boxed().toList())
                    .isEqualTo(VALUES.matcher(sample).matches());
        }
    }

    @Test
    void bearer_tokens_are_read_and_refused_as_spring_reads_and_refuses_them() {
        DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();
        BearerHeaderTokens ours = new BearerHeaderTokens();
        for (String header : new String[] {null, "", "Basic dXNlcjpwYXNz", "Bearer abc.DEF-ghi_jkl~mno+pqr/stu",
                "bearer abc==", "BEARER abc", "Bearer", "Bearer ", "Bearer  abc", "Bearer abc ", "Bearer a=b",
                "Bearer ===", "Bearer abc\n", "Bearerabc", "Bearer\tabc", "Bearer ab%cd", "bearerx abc",
                "Bearer abc,def", "Bearer \u00e9t\u00e9"}) {
            MockHttpServletRequest request = new MockHttpServletRequest();
            if (header != null) {
                request.addHeader("Authorization", header);
            }
            String expected;
            try {
                expected = spring.resolve(request);
            } catch (OAuth2AuthenticationException refused) {
                assertThatThrownBy(() -> ours.resolve(request)).as(header)
                        .isInstanceOfSatisfying(OAuth2AuthenticationException.class, e -> {
                            assertThat(e.getError().getErrorCode()).isEqualTo(refused.getError().getErrorCode());
                            assertThat(e.getError().getDescription()).isEqualTo(refused.getError().getDescription());
                        });
                continue;
            }
            assertThat(ours.resolve(request)).as(header).isEqualTo(expected);
        }
    }
}
