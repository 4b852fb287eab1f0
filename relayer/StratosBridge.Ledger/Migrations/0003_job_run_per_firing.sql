-- One run per firing of a recurring job. Quartz may fire a trigger twice for the same scheduled time (for example
-- when another instance re-declares the trigger at start-up while this one fires it); the second firing finds the
-- row taken and does nothing. Jobs stay reentrant: this only keeps the same firing from running twice.
DELETE FROM job_runs a USING job_runs b
 WHERE a.job = b.job AND a.scheduled_for = b.scheduled_for AND a.id > b.id;
CREATE UNIQUE INDEX job_runs_one_per_firing ON job_runs (job, scheduled_for);
