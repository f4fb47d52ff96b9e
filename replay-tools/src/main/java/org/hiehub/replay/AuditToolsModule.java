package org.hiehub.replay;

import org.hiehub.replay.asof.PointInTimeSummaries;
import org.hiehub.replay.eventlog.EventLog;
import org.hiehub.replay.export.EventLogExporter;
import org.hiehub.replay.history.PatientHistory;
import org.hiehub.replay.integrity.IntegrityConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The services that only read the event log — history, point-in-time summaries, export, integrity — for the admin
 * API (with the projections) and for the replay CLI, which starts the hub with {@code hub.roles=replay}: the event
 * store and these services, without running any projection or listener of its own.
 */
@Configuration
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('projections')"
        + " or '${hub.roles:command,projections,query}'.contains('replay')")
@ComponentScan(basePackageClasses = {EventLog.class, PatientHistory.class, PointInTimeSummaries.class,
        EventLogExporter.class, IntegrityConfiguration.class})
public class AuditToolsModule {
}
