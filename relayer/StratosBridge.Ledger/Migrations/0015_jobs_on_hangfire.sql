-- Jobs run on Hangfire (schema "hangfire", installed at start-up by Hangfire.PostgreSql's own scripts), not Quartz.
-- Hangfire's history (the dashboard at /ops/jobs) replaces job_runs; Quartz's tables go with Quartz.
DROP TABLE job_runs;
DO $$
DECLARE t text;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'qrtz\_%' LOOP
        EXECUTE format('DROP TABLE %I CASCADE', t);
    END LOOP;
END $$;

-- One firing of a recurring job does its work once. Hangfire may create two background jobs for the same scheduled time
-- (a recurring job can fire on several servers): the first to claim (job, scheduled_for) runs it, the other does nothing.
-- The claim names the Hangfire job, so that same job, fetched again after its server died, may run it again (its work is
-- reentrant). Rows older than a day are deleted as new firings are claimed.
CREATE TABLE job_firings (
    job            text        NOT NULL,
    scheduled_for  timestamptz NOT NULL,
    hangfire_job   text        NOT NULL,
    server         text        NOT NULL,
    claimed_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job, scheduled_for)
);
