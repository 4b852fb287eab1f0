using System.Collections.Concurrent;
using System.Globalization;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>
/// Runs one check per generated case against cast, a few processes at a time, and fails with every mismatch
/// (the first few in full) and the seed that generated them. Set EVM_DIFF_SEED to replay or vary a run.
/// Each cast run costs a process (a few hundred ms on a busy machine), so the suite keeps a focused few hundred cases in
/// all: each test lists the boundary cases of its codec first, then a couple of dozen generated ones (biased to
/// boundaries too, see <see cref="EvmRandom"/>). Widen a run with EVM_DIFF_CASES (generated cases per test).
/// </summary>
internal static class Differential
{
    /// <summary>Concurrent cast processes per test (the collection runs the tests one at a time).</summary>
    public const int Parallelism = 4;

    /// <summary>Generated cases per test (after its listed boundary cases): EVM_DIFF_CASES when set, else <paramref name="usual"/>.</summary>
    public static int Cases(int usual) =>
        Environment.GetEnvironmentVariable("EVM_DIFF_CASES") is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : usual;

    /// <summary>The seed for a test: EVM_DIFF_SEED when set, else the test's own fixed seed.</summary>
    public static int Seed(int fixedSeed) =>
        Environment.GetEnvironmentVariable("EVM_DIFF_SEED") is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : fixedSeed;

    /// <summary>
    /// Runs <paramref name="check"/> on every case; a check returns null when cast agrees, else a description of
    /// the disagreement. Exceptions (cast refusing an input, our code throwing) count as disagreements.
    /// </summary>
    public static async Task RunAsync<T>(string what, int seed, IReadOnlyList<T> cases, Func<T, string> describe,
        Func<T, Task<string?>> check)
    {
        var failures = new ConcurrentBag<(int Index, string Message)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (index, _) =>
            {
                string? problem;
                try
                {
                    problem = await check(cases[index]);
                }
                catch (Exception e)
                {
                    problem = $"{e.GetType().Name}: {e.Message}";
                }
                if (problem is not null)
                {
                    failures.Add((index, $"case {index}: {describe(cases[index])}\n    {problem}"));
                }
            });
        if (!failures.IsEmpty)
        {
            var shown = failures.OrderBy(f => f.Index).Take(5).Select(f => f.Message);
            Assert.Fail($"{what}: {failures.Count} of {cases.Count} cases disagree with cast (seed {seed}; "
                + $"replay with EVM_DIFF_SEED={seed}).\n" + string.Join("\n", shown));
        }
    }
}
