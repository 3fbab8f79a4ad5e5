package berth.scheduler.api;

import berth.aws.RequestContext;
import berth.aws.Scope;
import berth.aws.arn.Arn;
import berth.aws.paging.Page;
import berth.platform.RecordTable.Versioned;
import berth.scheduler.core.Schedule;
import berth.scheduler.core.ScheduleGroup;
import berth.scheduler.state.SchedulerRecords;
import berth.store.Store;
import berth.store.VersionConflict;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesRequest;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.TargetSummary;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleResponse;

/** CreateSchedule, GetSchedule, UpdateSchedule, DeleteSchedule and ListSchedules. */
final class ScheduleApi {
    /** A StartDate may lie at most this far in the past, as AWS allows. */
    private static final Duration START_DATE_PAST = Duration.ofMinutes(5);

    private final SchedulerRecords records;
    private final Clock clock;
    private final Runnable wake;

    ScheduleApi(SchedulerRecords records, Clock clock, Runnable wake) {
        this.records = records;
        this.clock = clock;
        this.wake = wake;
    }

    /** The fields CreateSchedule and UpdateSchedule share. */
    private record Fields(String name, String group, String expression, String timezone, Instant start, Instant end,
                          String state, FlexibleTimeWindow window, Target target, String actionAfterCompletion,
                          String kmsKeyArn, String description, String clientToken) {}

    CreateScheduleResponse create(CreateScheduleRequest r, RequestContext context) {
        Fields fields = new Fields(r.name(), r.groupName(), r.scheduleExpression(), r.scheduleExpressionTimezone(),
                r.startDate(), r.endDate(), r.stateAsString(), r.flexibleTimeWindow(), r.target(),
                r.actionAfterCompletionAsString(), r.kmsKeyArn(), r.description(), r.clientToken());
        Scope scope = context.scope();
        String group = groupOf(fields.group());
        requireGroup(scope, group);
        Optional<Versioned<Schedule>> existing = records.schedule(scope, group, r.name());
        if (existing.isPresent()) {
            Schedule found = existing.get().value();
            if (r.clientToken() != null && r.clientToken().equals(found.clientToken())) {
                return CreateScheduleResponse.builder().scheduleArn(found.arn()).build();
            }
            throw SchedulerErrors.CONFLICT.exception("Schedule " + r.name() + " already exists.");
        }
        long now = clock.millis();
        Schedule schedule = toCore(scope, fields, now, now);
        try {
            records.saveSchedule(schedule, Store.ABSENT);
        } catch (VersionConflict e) {
            throw SchedulerErrors.CONFLICT.exception("Schedule " + r.name() + " already exists.");
        }
        wake.run();
        return CreateScheduleResponse.builder().scheduleArn(schedule.arn()).build();
    }

    UpdateScheduleResponse update(UpdateScheduleRequest r, RequestContext context) {
        Fields fields = new Fields(r.name(), r.groupName(), r.scheduleExpression(), r.scheduleExpressionTimezone(),
                r.startDate(), r.endDate(), r.stateAsString(), r.flexibleTimeWindow(), r.target(),
                r.actionAfterCompletionAsString(), r.kmsKeyArn(), r.description(), r.clientToken());
        Scope scope = context.scope();
        String group = groupOf(fields.group());
        Versioned<Schedule> existing = records.schedule(scope, group, r.name()).orElseThrow(() -> SchedulerErrors.noSchedule(r.name()));
        Schedule schedule = toCore(scope, fields, existing.value().createdMillis(), clock.millis());
        try {
            records.saveSchedule(schedule, existing.version());
        } catch (VersionConflict e) {
            throw SchedulerErrors.CONFLICT.exception("Schedule " + r.name() + " was changed concurrently; try again.");
        }
        wake.run();
        return UpdateScheduleResponse.builder().scheduleArn(schedule.arn()).build();
    }

    GetScheduleResponse get(GetScheduleRequest r, RequestContext context) {
        Schedule s = records.schedule(context.scope(), groupOf(r.groupName()), r.name()).map(Versioned::value)
                .orElseThrow(() -> SchedulerErrors.noSchedule(r.name()));
        return GetScheduleResponse.builder().arn(s.arn()).name(s.name()).groupName(s.group())
                .description(s.description().isEmpty() ? null : s.description())
                .scheduleExpression(s.expression()).scheduleExpressionTimezone(s.timezone())
                .startDate(s.startMillis() == 0 ? null : Instant.ofEpochMilli(s.startMillis()))
                .endDate(s.endMillis() == 0 ? null : Instant.ofEpochMilli(s.endMillis()))
                .state(s.state().name()).actionAfterCompletion(s.actionAfterCompletion())
                .flexibleTimeWindow(s.flexible() ? FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.FLEXIBLE)
                        .maximumWindowInMinutes(s.windowMinutes()).build()
                        : FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build())
                .target(TargetRules.toSdk(s.target()))
                .creationDate(Instant.ofEpochMilli(s.createdMillis()))
                .lastModificationDate(Instant.ofEpochMilli(s.modifiedMillis())).build();
    }

    DeleteScheduleResponse delete(DeleteScheduleRequest r, RequestContext context) {
        Versioned<Schedule> existing = records.schedule(context.scope(), groupOf(r.groupName()), r.name())
                .orElseThrow(() -> SchedulerErrors.noSchedule(r.name()));
        try {
            records.deleteSchedule(existing.value(), existing.version());
        } catch (VersionConflict e) {
            throw SchedulerErrors.CONFLICT.exception("Schedule " + r.name() + " was changed concurrently; try again.");
        }
        return DeleteScheduleResponse.builder().build();
    }

    ListSchedulesResponse list(ListSchedulesRequest r, RequestContext context) {
        String group = r.groupName() == null ? "" : r.groupName();
        var matching = records.schedules(context.scope(), group).stream()
                .filter(s -> r.namePrefix() == null || s.name().startsWith(r.namePrefix()))
                .filter(s -> r.state() == null || s.state().name().equals(r.stateAsString())).toList();
        Page<Schedule> page = Page.of(matching, r.nextToken(), r.maxResults(), 100, 100, s -> s.group() + "/" + s.name());
        return ListSchedulesResponse.builder().nextToken(page.nextToken().orElse(null)).schedules(page.items().stream()
                .map(s -> ScheduleSummary.builder().arn(s.arn()).name(s.name()).groupName(s.group()).state(s.state().name())
                        .creationDate(Instant.ofEpochMilli(s.createdMillis()))
                        .lastModificationDate(Instant.ofEpochMilli(s.modifiedMillis()))
                        .target(TargetSummary.builder().arn(s.target().arn()).build()).build()).toList()).build();
    }

    static String groupOf(String group) {
        return group == null || group.isEmpty() ? ScheduleGroup.DEFAULT : group;
    }

    private void requireGroup(Scope scope, String group) {
        if (!group.equals(ScheduleGroup.DEFAULT) && records.group(scope, group).isEmpty()) {
            throw SchedulerErrors.noGroup(group);
        }
    }

    private Schedule toCore(Scope scope, Fields f, long created, long now) {
        berth.aws.text.Schedule expression;
        try {
            expression = berth.aws.text.Schedule.parse(f.expression());
        } catch (berth.aws.text.Schedule.Invalid e) {
            throw SchedulerErrors.invalid("Invalid Schedule Expression " + f.expression() + ".");
        }
        String timezone = f.timezone() == null ? "UTC" : f.timezone();
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw SchedulerErrors.invalid("Invalid ScheduleExpressionTimezone " + timezone + ".");
        }
        boolean once = expression instanceof berth.aws.text.Schedule.At;
        long start = f.start() == null ? 0 : f.start().toEpochMilli();
        long end = f.end() == null ? 0 : f.end().toEpochMilli();
        if (!once && start != 0 && start < now - START_DATE_PAST.toMillis()) {
            throw SchedulerErrors.invalid("The StartDate you specify cannot be earlier than 5 minutes ago.");
        }
        if (!once && end != 0 && end <= now) {
            throw SchedulerErrors.invalid("The EndDate you specify cannot be earlier than the current time.");
        }
        if (!once && start != 0 && end != 0 && end <= start) {
            throw SchedulerErrors.invalid("The StartDate must be earlier than the EndDate.");
        }
        int window = 0;
        if (f.window().mode() == FlexibleTimeWindowMode.FLEXIBLE) {
            if (f.window().maximumWindowInMinutes() == null) {
                throw SchedulerErrors.invalid("MaximumWindowInMinutes must be provided when the FlexibleTimeWindow mode is FLEXIBLE.");
            }
            window = f.window().maximumWindowInMinutes();
        } else if (f.window().maximumWindowInMinutes() != null) {
            throw SchedulerErrors.invalid("MaximumWindowInMinutes must not be provided when the FlexibleTimeWindow mode is OFF.");
        }
        if (f.kmsKeyArn() != null) {
            throw SchedulerErrors.invalid("KmsKeyArn " + f.kmsKeyArn() + " cannot be used: berth has no AWS KMS, so schedules"
                    + " are encrypted with its own key.");
        }
        String group = groupOf(f.group());
        String arn = Arn.of("scheduler", scope.region(), scope.accountId(), "schedule", group + "/" + f.name()).format();
        Schedule.State state = f.state() == null ? Schedule.State.ENABLED : Schedule.State.valueOf(f.state());
        return new Schedule(scope.accountId(), scope.region(), group, f.name(), arn,
                f.description() == null ? "" : f.description(), f.expression(), timezone, start, end, state, window,
                f.actionAfterCompletion() == null ? "NONE" : f.actionAfterCompletion(), "",
                TargetRules.toCore(f.target()), start != 0 ? start : now, now - 1, created, now,
                f.clientToken() == null ? "" : f.clientToken());
    }
}
