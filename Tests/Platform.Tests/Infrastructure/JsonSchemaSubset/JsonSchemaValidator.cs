using System.Globalization;
using System.Text.Json;

namespace Platform.Tests.Infrastructure.JsonSchemaSubset;

/// <summary>
/// JSON Schema (draft-07) validation for the keywords the Aspire manifest schema uses. Stands in
/// for a validator package: the one that restores here cannot read that schema. A keyword it
/// does not implement throws, so a newer schema can never pass by being half-understood.
/// </summary>
public sealed class JsonSchemaValidator(JsonElement root)
{
    private static readonly HashSet<string> Annotations = ["$id", "$schema", "$comment", "title", "description", "default", "definitions", "examples"];

    public static JsonSchemaValidator Parse(string schema) => new(JsonDocument.Parse(schema).RootElement.Clone());

    /// <summary>Every violation as "path: message"; empty when the document is valid.</summary>
    public List<string> Validate(string json)
    {
        var errors = new List<string>();
        using var document = JsonDocument.Parse(json);
        Validate(root, document.RootElement, "$", errors);
        return errors;
    }

    private void Validate(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True) return;
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here");
            return;
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            // In draft-07 a $ref replaces its siblings.
            Validate(Resolve(reference.GetString()!), instance, path, errors);
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            switch (keyword.Name)
            {
                case "type": CheckType(keyword.Value, instance, path, errors); break;
                case "const":
                    if (!JsonElement.DeepEquals(keyword.Value, instance)) errors.Add($"{path}: must be {keyword.Value.GetRawText()}");
                    break;
                case "enum":
                    if (!keyword.Value.EnumerateArray().Any(v => JsonElement.DeepEquals(v, instance)))
                        errors.Add($"{path}: must be one of {keyword.Value.GetRawText()}");
                    break;
                case "required":
                    if (instance.ValueKind != JsonValueKind.Object) break;
                    foreach (var name in keyword.Value.EnumerateArray().Select(n => n.GetString()!).Where(n => !instance.TryGetProperty(n, out _)))
                        errors.Add($"{path}: '{name}' is required");
                    break;
                case "properties":
                    if (instance.ValueKind != JsonValueKind.Object) break;
                    foreach (var property in keyword.Value.EnumerateObject())
                    {
                        if (instance.TryGetProperty(property.Name, out var value)) Validate(property.Value, value, $"{path}.{property.Name}", errors);
                    }
                    break;
                case "additionalProperties":
                    if (instance.ValueKind != JsonValueKind.Object) break;
                    var declared = schema.TryGetProperty("properties", out var properties)
                        ? properties.EnumerateObject().Select(p => p.Name).ToHashSet()
                        : [];
                    foreach (var property in instance.EnumerateObject().Where(p => !declared.Contains(p.Name)))
                    {
                        if (keyword.Value.ValueKind == JsonValueKind.False) errors.Add($"{path}: property '{property.Name}' is not allowed");
                        else Validate(keyword.Value, property.Value, $"{path}.{property.Name}", errors);
                    }
                    break;
                case "items":
                    if (instance.ValueKind != JsonValueKind.Array) break;
                    var index = 0;
                    foreach (var item in instance.EnumerateArray()) Validate(keyword.Value, item, $"{path}[{index++}]", errors);
                    break;
                case "allOf":
                    foreach (var branch in keyword.Value.EnumerateArray()) Validate(branch, instance, path, errors);
                    break;
                case "oneOf":
                    var matches = keyword.Value.EnumerateArray().Count(branch => IsValid(branch, instance, path));
                    if (matches != 1) errors.Add($"{path}: must match exactly one of the oneOf schemas, matched {matches}");
                    break;
                case "not":
                    if (IsValid(keyword.Value, instance, path)) errors.Add($"{path}: must not match the 'not' schema");
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name))
                        throw new NotSupportedException($"JSON Schema keyword '{keyword.Name}' is not implemented by this validator.");
                    break;
            }
        }
    }

    private bool IsValid(JsonElement schema, JsonElement instance, string path)
    {
        var errors = new List<string>();
        Validate(schema, instance, path, errors);
        return errors.Count == 0;
    }

    private static void CheckType(JsonElement type, JsonElement instance, string path, List<string> errors)
    {
        var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        if (!allowed.Any(t => HasType(t, instance))) errors.Add($"{path}: must be of type {string.Join(" or ", allowed)}");
    }

    private static bool HasType(string type, JsonElement instance) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && decimal.TryParse(instance.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => throw new NotSupportedException($"JSON Schema type '{type}' is not known."),
    };

    // Local JSON pointers only ("#/definitions/env"), which is all the manifest schema uses.
    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith('#')) throw new NotSupportedException($"Only local $ref is supported, not '{reference}'.");
        var target = root;
        foreach (var segment in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            target = target.GetProperty(name);
        }
        return target;
    }
}
