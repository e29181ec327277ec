package dev.i2v.credits.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * An account: its plan, spendable balance, jobs running, and the time zone its days and months are
 * counted in.
 */
public record Account(UUID id, Plan plan, long balance, int activeJobs, ZoneId timeZone, Instant createdAt) {

    public boolean hasFreeSlot() {
        return plan.hasSlotBeside(activeJobs);
    }

    /** The account's calendar day at an instant. */
    public LocalDate dayAt(Instant instant) {
        return instant.atZone(timeZone).toLocalDate();
    }

    /** The first instant of the given day in the account's time zone. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(timeZone).toInstant();
    }
}
