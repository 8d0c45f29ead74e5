package io.switchboard.metrics;

import io.switchboard.simulator.CallTruth;

import java.util.List;

/** The figures a list of ground truths implies, computed straight from the definitions in docs/metrics.md. */
final class Expected {

    static final long SL_MS = 20_000;
    static final long SHORT_MS = 5_000;

    private Expected() {
    }

    static QueueFigures figures(List<CallTruth> truths, long wrapUpSeconds) {
        long offered = truths.size();
        long answered = 0, within = 0, abandoned = 0, shortAb = 0, timeouts = 0, rna = 0, transferred = 0;
        long answerWait = 0, handle = 0, waitSum = 0, waitMax = 0, repeats = 0;
        for (int i = 0; i < truths.size(); i++) {
            CallTruth t = truths.get(i);
            rna += t.ringNoAnswerInterfaces().size();
            waitSum += t.waitMillis();
            waitMax = Math.max(waitMax, t.waitMillis());
            switch (t.disposition()) {
                case "ANSWERED" -> {
                    answered++;
                    within += t.waitMillis() <= SL_MS ? 1 : 0;
                    answerWait += t.waitMillis();
                    handle += t.talkMillis() + t.holdMillis() + wrapUpSeconds * 1_000;
                    transferred += t.transfers().isEmpty() ? 0 : 1;
                    boolean calledAgain = false;
                    for (int j = i + 1; j < truths.size(); j++) {
                        calledAgain |= truths.get(j).callerNum().equals(t.callerNum());
                    }
                    repeats += calledAgain ? 1 : 0;
                }
                case "ABANDONED" -> {
                    abandoned++;
                    shortAb += t.waitMillis() < SHORT_MS ? 1 : 0;
                }
                case "TIMEOUT" -> timeouts++;
                default -> throw new IllegalArgumentException(t.disposition());
            }
        }
        return new QueueFigures(offered, answered, within, abandoned, shortAb, timeouts, 0, rna, transferred,
                Figures.percent(within, answered + abandoned - shortAb + timeouts),
                Figures.average(answerWait, answered), Figures.average(handle, answered),
                Figures.average(waitSum, offered), waitMax,
                Figures.percent(abandoned - shortAb, offered - shortAb),
                Figures.percent(transferred, answered),
                Figures.percent(answered - repeats, answered));
    }

    static AgentMetrics agent(List<CallTruth> truths, String iface, String name, long wrapUpSeconds) {
        long offered = 0, answered = 0, rna = 0, transferred = 0, talk = 0, hold = 0;
        for (CallTruth t : truths) {
            long misses = t.ringNoAnswerInterfaces().stream().filter(iface::equals).count();
            rna += misses;
            offered += misses;
            if (iface.equals(t.agentInterface())) {
                offered++;
                answered++;
                talk += t.talkMillis();
                hold += t.holdMillis();
                transferred += t.transfers().isEmpty() ? 0 : 1;
            }
        }
        long wrap = answered * wrapUpSeconds * 1_000;
        return new AgentMetrics(name, null, null, null, offered, answered, rna, transferred, talk, hold, wrap,
                Figures.average(talk + hold + wrap, answered), 0, 0, null, null);
    }
}
