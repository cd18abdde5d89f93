using Platform.Tests.Infrastructure.JsonSchemaSubset;

namespace Platform.Tests.Unit;

public sealed class JsonSchemaValidatorTests
{
    private static readonly JsonSchemaValidator Schema = JsonSchemaValidator.Parse("""
        {
          "type": "object",
          "required": ["resources"],
          "properties": { "resources": { "type": "object", "additionalProperties": { "$ref": "#/definitions/resource" } } },
          "definitions": {
            "resource": {
              "oneOf": [
                { "type": "object", "required": ["type", "path"], "properties": { "type": { "const": "project.v0" }, "path": { "type": "string" }, "port": { "type": "integer" } }, "additionalProperties": false },
                { "type": "object", "required": ["type"], "properties": { "type": { "enum": ["value.v0", "parameter.v0"] } } }
              ]
            }
          }
        }
        """);

    [Theory]
    [InlineData("""{"resources":{"a":{"type":"project.v0","path":"A.csproj","port":8080}}}""")]
    [InlineData("""{"resources":{"a":{"type":"value.v0","anything":1}}}""")]
    [InlineData("""{"resources":{}}""")]
    public void Valid_documents_have_no_errors(string json) => Assert.Empty(Schema.Validate(json));

    [Theory]
    [InlineData("""{}""", "'resources' is required")]
    [InlineData("""{"resources":{"a":{"type":"project.v0"}}}""", "exactly one")]
    [InlineData("""{"resources":{"a":{"type":"project.v0","path":"A.csproj","extra":true}}}""", "exactly one")]
    [InlineData("""{"resources":{"a":{"type":"project.v0","path":"A.csproj","port":80.5}}}""", "exactly one")]
    [InlineData("""{"resources":{"a":{"type":"container.v9"}}}""", "exactly one")]
    [InlineData("""{"resources":[]}""", "must be of type object")]
    public void Invalid_documents_are_reported_with_where_and_why(string json, string expected) =>
        Assert.Contains(Schema.Validate(json), e => e.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void An_unimplemented_keyword_is_refused_rather_than_ignored() =>
        Assert.Throws<NotSupportedException>(() => JsonSchemaValidator.Parse("""{"minLength": 3}""").Validate("\"ab\""));
}
