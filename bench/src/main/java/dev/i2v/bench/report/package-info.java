/** Reports of a scenario: JSON for machines, a Markdown table for people, PNG charts where a picture reads better. */
package dev.i2v.bench.report;
