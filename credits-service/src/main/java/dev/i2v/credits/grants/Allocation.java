package dev.i2v.credits.grants;

/** Points taken from one lot for one hold. */
public record Allocation(long lotId, long points) {
}
