-- Whether the job's plan shows results watermarked: its worker makes that rendition only then (a plan that
-- changes later gets it made on the first download). Jobs from before this column keep getting one.
alter table jobs add column watermark boolean not null default true;
