package dev.i2v.credits.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A deliberately simple in-memory statement of the points rules for one free-plan account: lots spent
 * soonest-expiring first, holds with three slots, capture/release/expiry, daily grants. The service
 * must behave exactly like this after every step.
 */
final class CreditModel {

    static final int SLOTS = 3;
    static final long DAILY = 100;
    static final String OK = "ok";

    /** A history line, newest last. */
    record Line(String kind, long points) {
    }

    static final class Lot {
        final int order;
        final String key;
        final Instant expiresAt;
        long remaining;

        Lot(int order, String key, long points, Instant expiresAt) {
            this.order = order;
            this.key = key;
            this.remaining = points;
            this.expiresAt = expiresAt;
        }

        boolean expiredAt(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }
    }

    static final class HoldM {
        final long amount;
        final Instant expiresAt;
        final Map<Lot, Long> allocations = new LinkedHashMap<>();
        String status = "held";

        HoldM(long amount, Instant expiresAt) {
            this.amount = amount;
            this.expiresAt = expiresAt;
        }
    }

    final List<Lot> lots = new ArrayList<>();
    final Map<UUID, HoldM> holds = new LinkedHashMap<>();
    final List<Line> history = new ArrayList<>();
    final Set<String> keys = new HashSet<>();
    final Map<String, Long> grantedPoints = new LinkedHashMap<>();
    final LocalDate signupDay;
    int active;

    CreditModel(Instant signup) {
        this.signupDay = signup.atZone(ZoneOffset.UTC).toLocalDate();
        addLot("signup", 1000, null);
    }

    long balance() {
        return lots.stream().mapToLong(l -> l.remaining).sum();
    }

    String grant(long points, Instant expiresAt, String key, Instant now) {
        Long earlier = grantedPoints.get(key);
        if (earlier != null) {
            if (earlier != points) {
                return "idempotency_key_reused";
            }
            settle(now);
            return OK;
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return "invalid_request";
        }
        settle(now);
        grantedPoints.put(key, points);
        addLot("admin:" + key, points, expiresAt);
        return OK;
    }

    String daily(Instant now) {
        settle(now);
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        if (!today.equals(signupDay) && keys.add("daily:" + today)) {
            addLot("daily:" + today, DAILY, today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        return OK;
    }

    String hold(UUID job, long amount, Instant now, Instant ttlEnd) {
        HoldM existing = holds.get(job);
        if (existing != null) {
            return existing.amount == amount ? OK : "hold_conflict";
        }
        if (active >= SLOTS) {
            return "concurrency_limit";
        }
        if (spendable(now).stream().mapToLong(l -> l.remaining).sum() < amount) {
            return "insufficient_credits";
        }
        settle(now); // only now: a refused request changes nothing, not even overdue expiry
        HoldM hold = new HoldM(amount, ttlEnd);
        long missing = amount;
        for (Lot lot : spendable(now)) {
            if (missing == 0) {
                break;
            }
            long part = Math.min(missing, lot.remaining);
            lot.remaining -= part;
            hold.allocations.merge(lot, part, Long::sum);
            missing -= part;
        }
        holds.put(job, hold);
        history.add(new Line("hold", -amount));
        active++;
        return OK;
    }

    String resolve(UUID job, String target, Instant now) {
        HoldM hold = holds.get(job);
        if (hold == null) {
            return "hold_not_found";
        }
        if (hold.status.equals(target)) {
            return OK;
        }
        if (!hold.status.equals("held")) {
            return "hold_already_resolved";
        }
        if (target.equals("captured")) {
            history.add(new Line("capture", 0));
        } else {
            history.add(new Line("release", hold.amount));
            hold.allocations.entrySet().stream().sorted(Comparator.comparingInt(e -> e.getKey().order)).forEach(e -> {
                Lot lot = e.getKey();
                lot.remaining += e.getValue();
                if (lot.expiredAt(now)) {
                    history.add(new Line("expiry", -e.getValue()));
                    lot.remaining -= e.getValue();
                }
            });
        }
        hold.status = target;
        active--;
        return OK;
    }

    /** What a read of the account's credits shows: it settles first. */
    List<Long> readSpendable(Instant now) {
        settle(now);
        return spendable(now).stream().map(l -> l.remaining).toList();
    }

    /** Open holds past their time-to-live at {@code now}, soonest first. */
    List<UUID> expiredHolds(Instant now) {
        return holds.entrySet().stream()
                .filter(e -> e.getValue().status.equals("held") && e.getValue().expiresAt.isBefore(now))
                .sorted(Comparator.comparing(e -> e.getValue().expiresAt))
                .map(Map.Entry::getKey).toList();
    }

    private void settle(Instant now) {
        lots.stream().filter(l -> l.remaining > 0 && l.expiredAt(now)).sorted(Comparator.comparingInt(l -> l.order))
                .forEach(l -> {
                    history.add(new Line("expiry", -l.remaining));
                    l.remaining = 0;
                });
    }

    private List<Lot> spendable(Instant now) {
        return lots.stream().filter(l -> l.remaining > 0 && !l.expiredAt(now))
                .sorted(Comparator.comparing((Lot l) -> l.expiresAt == null ? Instant.MAX : l.expiresAt)
                        .thenComparingInt(l -> l.order))
                .toList();
    }

    private void addLot(String key, long points, Instant expiresAt) {
        lots.add(new Lot(lots.size(), key, points, expiresAt));
        history.add(new Line("grant", points));
    }
}
