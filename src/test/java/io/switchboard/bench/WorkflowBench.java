package io.switchboard.bench;

import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workflow engine under a call center's load: Camunda 7 standalone on its own MySQL/MariaDB
 * database ({@code switchboard_wfbench}, dropped and created each run), READ COMMITTED, job
 * executor on, full history — the settings the service runs with. The process is a user task
 * with two SLA boundary timers (a non-interrupting warning and an interrupting escalation), as
 * the ticket processes have.
 *
 * <p>Phases: (1) process starts/s, sequential then with N threads, until {@code open} tasks are
 * open (their timers far in the future, so 2 jobs per task wait in the job table); (2) task-list
 * queries of one user (assigned tasks, then the group's tasks) among those open tasks; (3) SLA
 * timer lateness: {@code timers} more instances whose warnings fall due at known times spread over
 * {@code spread} seconds, fire time − due time, once with the engine's default job acquisition
 * and once with acquisition polling at most every second.
 * Args: open threads timers spread. {@code scripts/bench workflow}.
 */
public final class WorkflowBench {

    private static final String KEY = "sla-bench";
    private static final int USERS = 50;

    public static void main(String[] args) throws Exception {
        int open = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int timers = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int spread = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        String server = System.getProperty("bench.db.server", "jdbc:mysql://127.0.0.1:3306/");
        String user = System.getProperty("bench.db.user", "root");
        String password = System.getProperty("bench.db.password", "");
        String database = freshDatabase(server, user, password);

        String machine = String.format(Locale.ROOT, "%s, %d cores, JDK %s, %s, max heap %d MB; load average before: %s",
                java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), database,
                Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        System.out.println("machine: " + machine);
        Recorder recorder = new Recorder();
        String url = server + "switchboard_wfbench?nullDatabaseMeansCurrent=true";
        ProcessEngine engine = engine(url, user, password, threads, recorder, 0);
        boolean closed = false;
        try {
            engine.getRepositoryService().createDeployment().name(KEY).addModelInstance(KEY + ".bpmn", model())
                    .deploy();
            List<String> lines = new ArrayList<>();
            lines.add("machine: " + machine);

            // (1) starts: timers a day away, so they wait in the job table without firing
            Date later = new Date(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(1));
            int sequential = Math.min(2_000, open / 5);
            double seqRate = starts(engine, sequential, 1, later, later);
            double parRate = starts(engine, open - sequential, threads, later, later);
            long openTasks = engine.getTaskService().createTaskQuery().count();
            long jobs = engine.getManagementService().createJobQuery().count();
            System.out.printf("starts: sequential %.0f/s (%d), %d threads %.0f/s (%d); open tasks %d, timer jobs %d%n",
                    seqRate, sequential, threads, parRate, open - sequential, openTasks, jobs);

            // (2) the task list of one user and of the group, among all open tasks
            Percentiles mine = queries(() -> engine.getTaskService().createTaskQuery()
                    .taskAssignee("user" + ThreadLocalRandom.current().nextInt(USERS)).orderByTaskCreateTime().desc()
                    .listPage(0, 50).size());
            Percentiles group = queries(() -> engine.getTaskService().createTaskQuery().taskCandidateGroup("agents")
                    .orderByTaskCreateTime().desc().listPage(0, 50).size());
            System.out.printf("task list (50 newest), ms: assignee p50 %.2f p99 %.2f; candidate group p50 %.2f p99 %.2f%n",
                    mine.p(50), mine.p(99), group.p(50), group.p(99));

            // (3) SLA timers due at known times, with the job executor running among the open tasks
            var executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
            String defaults = String.format(Locale.ROOT, "engine default acquisition (idle wait %d ms, x%.0f up to %d ms)",
                    executor.getWaitTimeInMillis(), executor.getWaitIncreaseFactor(), executor.getMaxWait());
            Percentiles late1 = lateness(engine, recorder, timers, spread, threads);
            System.out.printf("SLA timer lateness, %s, %d timers over %d s, ms: p50 %.0f p99 %.0f max %.0f (missed %d)%n",
                    defaults, timers, spread, late1.p(50), late1.p(99), late1.p(100), late1.missed);
            // the acquisition takes its waits when the job executor starts: a second engine on the same tables
            engine.close();
            closed = true;
            Percentiles late2;
            ProcessEngine tuned = engine(url, user, password, threads, recorder, 1_000);
            try {
                late2 = lateness(tuned, recorder, timers, spread, threads);
            } finally {
                tuned.close();
            }
            System.out.printf("SLA timer lateness, acquisition every <= 1 s, ms: p50 %.0f p99 %.0f max %.0f (missed %d)%n",
                    late2.p(50), late2.p(99), late2.p(100), late2.missed);
            System.out.printf("load average after: %s%n", loadAverage());

            lines.add("");
            lines.add("| measure | figure |");
            lines.add("|---|---|");
            lines.add(String.format(Locale.ROOT, "| process starts, 1 thread (%d starts) | %.0f /s |", sequential, seqRate));
            lines.add(String.format(Locale.ROOT, "| process starts, %d threads (%d starts) | %.0f /s |", threads,
                    open - sequential, parRate));
            lines.add(String.format(Locale.ROOT, "| open user tasks / waiting timer jobs | %d / %d |", openTasks, jobs));
            lines.add(String.format(Locale.ROOT, "| task list of one assignee (50 newest), p50 / p99 | %.1f / %.1f ms |",
                    mine.p(50), mine.p(99)));
            lines.add(String.format(Locale.ROOT, "| task list of the candidate group (50 newest), p50 / p99 | %.1f / %.1f ms |",
                    group.p(50), group.p(99)));
            lines.add(String.format(Locale.ROOT, "| SLA timer lateness, %s, p50 / p99 / max | %.0f / %.0f / %.0f ms |",
                    defaults, late1.p(50), late1.p(99), late1.p(100)));
            lines.add(String.format(Locale.ROOT, "| SLA timer lateness, acquisition at least every 1 s (the service's setting), p50 / p99 / max | %.0f / %.0f / %.0f ms |",
                    late2.p(50), late2.p(99), late2.p(100)));
            lines.add("");
            lines.add(String.format(Locale.ROOT, "%d timers per lateness run, due over %d s; none missed: %s.", timers,
                    spread, late1.missed + late2.missed == 0 ? "yes" : "no (" + (late1.missed + late2.missed) + " missed)"));
            Path out = Path.of("target/bench/workflow.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, String.join("\n", lines) + "\n");
            System.out.println("wrote " + out);
        } finally {
            if (!closed) {
                engine.close();
            }
        }
    }

    /** A user task with a non-interrupting warning and an interrupting escalation, both at variable dates. */
    static BpmnModelInstance model() {
        return Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
                .startEvent("start")
                .userTask("work").name("Work the ticket").camundaAssignee("${assignee}").camundaCandidateGroups("agents")
                .boundaryEvent("warning").cancelActivity(false).timerWithDate("${warnAt}")
                .camundaExecutionListenerExpression("start", "${recorder.fired(execution)}").endEvent("warned")
                .moveToActivity("work").boundaryEvent("escalation").cancelActivity(true).timerWithDate("${escalateAt}")
                .endEvent("escalated")
                .moveToActivity("work").endEvent("done")
                .done();
    }

    private static double starts(ProcessEngine engine, int count, int threads, Date warnAt, Date escalateAt)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            start(engine, i, warnAt, escalateAt);
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        }
        return count / ((System.nanoTime() - t0) / 1e9);
    }

    private static void start(ProcessEngine engine, int i, Date warnAt, Date escalateAt) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("assignee", "user" + (i % USERS));
        vars.put("warnAt", warnAt);
        vars.put("escalateAt", escalateAt);
        engine.getRuntimeService().startProcessInstanceByKey(KEY, "bench-" + i, vars);
    }

    private static Percentiles queries(java.util.function.IntSupplier query) {
        for (int i = 0; i < 100; i++) {
            query.getAsInt();
        }
        long[] nanos = new long[500];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            query.getAsInt();
            nanos[i] = System.nanoTime() - t0;
        }
        return new Percentiles(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray(), 0);
    }

    /** Starts {@code timers} instances whose warnings fall due over {@code spread} s from 10 s on; waits for them. */
    private static Percentiles lateness(ProcessEngine engine, Recorder recorder, int timers, int spread, int threads)
            throws InterruptedException {
        recorder.reset();
        long first = System.currentTimeMillis() + 10_000;
        Date escalateAt = new Date(first + TimeUnit.DAYS.toMillis(1));
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < timers; i = next.getAndIncrement()) {
                        // whole seconds: MySQL's datetime keeps no milliseconds, so the due time is exact
                        long due = (first + (long) i * spread * 1000 / timers) / 1000 * 1000;
                        start(engine, 1_000_000 + i, new Date(due), escalateAt);
                    }
                });
            }
        }
        long deadline = first + spread * 1000L + 120_000;
        while (recorder.count() < timers && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        double[] late = recorder.lateness();
        return new Percentiles(late, timers - late.length);
    }

    /** {@code maxWaitMillis}: how long job acquisition may idle at most; 0 keeps the engine's default. */
    private static ProcessEngine engine(String url, String user, String password, int threads, Recorder recorder,
                                        int maxWaitMillis) {
        PooledDataSource ds = new PooledDataSource("com.mysql.cj.jdbc.Driver", url, user, password);
        ds.setPoolMaximumActiveConnections(threads + 12);
        ds.setPoolMaximumIdleConnections(threads + 12);
        // Camunda refuses MySQL's REPEATABLE READ default
        ds.setDefaultTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED);
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setDataSource(ds);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        // started here, or below once its waits are set (they are read when it starts)
        config.setJobExecutorActivate(maxWaitMillis == 0);
        config.setProcessEngineName("workflow-bench");
        config.setBeans(Map.of("recorder", recorder));
        ProcessEngine engine = config.buildProcessEngine();
        if (maxWaitMillis > 0) {
            var executor = config.getJobExecutor();
            executor.setWaitTimeInMillis(maxWaitMillis);
            executor.setMaxWait(maxWaitMillis);
            executor.start();
        }
        return engine;
    }

    /** Drops and creates the bench database; answers the server's product and version. */
    private static String freshDatabase(String server, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(server + "?nullDatabaseMeansCurrent=true", user, password);
             Statement s = c.createStatement()) {
            s.execute("drop database if exists switchboard_wfbench");
            s.execute("create database switchboard_wfbench");
            try (var rs = s.executeQuery("select version()")) {
                rs.next();
                String version = rs.getString(1);
                return (version.toLowerCase(Locale.ROOT).contains("mariadb") ? "MariaDB " : "MySQL ")
                        + version.replaceAll("-.*", "");
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** Called by the warning timer's listener on the job executor's thread: fire time − due time. */
    public static final class Recorder {
        private final ConcurrentLinkedQueue<Double> late = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();

        public void fired(DelegateExecution execution) {
            Date due = (Date) execution.getVariable("warnAt");
            late.add((double) (System.currentTimeMillis() - due.getTime()));
            count.incrementAndGet();
        }

        void reset() {
            late.clear();
            count.set(0);
        }

        int count() {
            return count.get();
        }

        double[] lateness() {
            return late.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    record Percentiles(double[] values, int missed) {
        Percentiles {
            values = values.clone();
            Arrays.sort(values);
        }

        double p(double pct) {
            if (values.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(values.length - 1, Math.ceil(pct / 100.0 * values.length) - 1);
            return values[Math.max(0, i)];
        }
    }
}
