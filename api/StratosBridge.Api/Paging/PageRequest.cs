using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using StratosBridge.Api.Problems;
using StratosBridge.Ledger.Transfers;

namespace StratosBridge.Api.Paging;

/// <summary>
/// The paging of every list the API serves newest first (a wallet's transfers and credits, payments by status):
/// <c>limit</c> 1–200 (default 50) and <c>before</c>, the <c>next</c> cursor of the previous page (the id of its last item,
/// exclusive). A bad value is 422 <c>invalid-limit</c>.
/// </summary>
public sealed record PageRequest(int Limit, long? Before)
{
    public const string InvalidLimit = "invalid-limit";

    public const int DefaultLimit = TransferQueries.DefaultPageSize;

    public const int MaxLimit = TransferQueries.MaxPageSize;

    public static bool TryParse(string? limit, string? before, [NotNullWhen(true)] out PageRequest? page,
        [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        page = null;
        var size = DefaultLimit;
        if (limit is not null && !(int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaxLimit))
        {
            problem = ApiProblem.Invalid(InvalidLimit, "Invalid page",
                $"limit {ApiProblem.Quote(limit)} must be a whole number from 1 to {MaxLimit} (default {DefaultLimit})");
            return false;
        }
        long? cursor = null;
        if (before is not null)
        {
            if (!(long.TryParse(before, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id > 0))
            {
                problem = ApiProblem.Invalid(InvalidLimit, "Invalid page",
                    $"before {ApiProblem.Quote(before)} is not a cursor: pass the 'next' value of the previous page");
                return false;
            }
            cursor = id;
        }
        page = new PageRequest(size, cursor);
        problem = null;
        return true;
    }

    /// <summary>How many rows to read: one more than the page, which only tells whether a next page exists.</summary>
    public int Fetch => Limit + 1;

    /// <summary>The page out of rows read newest first with <see cref="Fetch"/>, and the cursor of the next page (null on the last).</summary>
    public (IReadOnlyList<T> Items, string? Next) Cut<T>(IReadOnlyList<T> rows, Func<T, long> id) =>
        rows.Count > Limit
            ? (rows.Take(Limit).ToList(), id(rows[Limit - 1]).ToString(CultureInfo.InvariantCulture))
            : (rows, null);
}
