// The integration tests mostly wait: for chains' blocks, processes starting, polling loops and browsers, rarely for the CPU.
// xunit runs one test class at a time per thread (its conservative algorithm; a class is a collection here), two on a 2-core
// machine by default, which left the cores idle most of a run. Four at a time roughly halves the suite's time; every
// wait in these tests is a deadline on a condition (Eventually), never a timing, so a busier machine only makes them slower.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
