using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StratosBridge.Relayer.Configuration;

/// <summary>
/// Binds an options section and validates it at start-up; every failure names the full configuration key
/// (e.g. <c>Jobs:InvisibilityTimeout</c>), so a bad value stops the process with a message an operator can act on.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>DataAnnotations on <paramref name="value"/>, each failure as "prefix:Member: message".</summary>
    public static IEnumerable<string> Check(object value, string prefix)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var r in results)
        {
            var members = r.MemberNames.Any() ? r.MemberNames : [""];
            foreach (var m in members)
            {
                yield return $"{prefix}:{m}: {r.ErrorMessage}";
            }
        }
    }

    private sealed class SectionValidator<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = Check(options, section).ToList();
            if (options is IValidatableSection self)
            {
                failures.AddRange(self.Validate(section));
            }
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
