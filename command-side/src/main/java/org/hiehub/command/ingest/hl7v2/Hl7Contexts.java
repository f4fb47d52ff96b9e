package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.ParserConfiguration;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.util.concurrent.ExecutorService;

/**
 * HAPI contexts configured the way the hub needs them (see the HAPI spike notes):
 * <ul>
 * <li>every version parses into the v2.5.1 structures (one set of mappers for 2.3 to 2.8);</li>
 * <li>no HAPI validation: it refuses values real labs send ("&gt;400" in an NM field); the mappers check
 *     what matters and say where;</li>
 * <li>random ACK control ids ({@link AckControlIds}): the default generator writes {@code ./id_file} into the
 *     working directory;</li>
 * <li>text read as a reader sees it, formatting commands and hexadecimal data included ({@link FormattedText});</li>
 * <li>an executor of its own: closing a context that uses HAPI's shared default executor shuts that executor
 *     down for every other context in the JVM.</li>
 * </ul>
 */
public final class Hl7Contexts {

    public static final String CANONICAL_VERSION = "2.5.1";

    private Hl7Contexts() {
    }

    public static HapiContext canonical(ExecutorService executor) {
        return configure(new DefaultHapiContext(), executor);
    }

    static <T extends DefaultHapiContext> T configure(T context, ExecutorService executor) {
        context.setModelClassFactory(new CanonicalModelClassFactory(CANONICAL_VERSION));
        context.setValidationContext(ValidationContextFactory.noValidation());
        ParserConfiguration parsing = context.getParserConfiguration();
        parsing.setIdGenerator(new AckControlIds());
        parsing.setValidating(false);
        // Version gate is the hub's (2.3 to 2.8.x); HAPI would refuse e.g. 2.8.2, which it does not know
        parsing.setAllowUnknownVersions(true);
        // OBX-5 without OBX-2, or with a type unknown to v2.5.1, is read as text instead of failing the message
        parsing.setDefaultObx2Type("ST");
        parsing.setInvalidObx2Type("ST");
        // Formatting commands and hex data read in the same pass as the delimiter escapes (see FormattedText)
        parsing.setEscaping(new FormattedText());
        context.setExecutorService(executor);
        return context;
    }
}
