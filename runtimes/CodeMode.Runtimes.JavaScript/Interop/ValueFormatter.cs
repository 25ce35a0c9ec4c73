using System.Globalization;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Date;
using Jint.Native.Object;
using Jint.Native.RegExp;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace CodeMode.Runtimes.JavaScript.Interop;

/// <summary>
/// Turns script values into text for console lines and error messages, roughly as Node prints them: strings as they
/// are, primitives as String() gives them, errors as "Name: message", functions as [Function: name], other objects
/// as JSON. Error names and messages are read from data properties only, so describing an error never runs script code.
/// </summary>
internal sealed class ValueFormatter(Engine engine)
{
    // From 1970 back to 0001-01-01, DateTime's lower bound (the upper bound, 9999, is further away).
    private const double MaxDateMilliseconds = 62_135_596_800_000;

    public string FormatArguments(JsValue[] arguments)
    {
        if (arguments.Length == 0)
        {
            return string.Empty;
        }

        if (arguments.Length == 1)
        {
            return Format(arguments[0]);
        }

        var builder = new StringBuilder();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Format(arguments[i]));
        }

        return builder.ToString();
    }

    public string Format(JsValue value)
    {
        if (!value.IsObject())
        {
            return value.IsString() ? value.AsString() : TypeConverter.ToString(value);
        }

        var obj = value.AsObject();
        switch (obj)
        {
            case ICallable:
                var name = ReadString(obj, "name");
                return string.IsNullOrEmpty(name) ? "[Function (anonymous)]" : $"[Function: {name}]";
            case RegExpInstance regex:
                return "/" + regex.Source + "/" + regex.Flags;
            case DateInstance date:
                // What toISOString gives; dates outside DateTime's range are printed as invalid rather than failing.
                return double.IsNaN(date.PrimitiveValue) || Math.Abs(date.PrimitiveValue) > MaxDateMilliseconds
                    ? "Invalid Date"
                    : DateTime.UnixEpoch.AddMilliseconds(date.PrimitiveValue).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        if (obj.Class == "Error")
        {
            return DescribeError(obj);
        }

        try
        {
            var json = engine.Json.Stringify(JsValue.Undefined, [value]);
            if (json.IsString())
            {
                return json.AsString();
            }
        }
        catch (JavaScriptException)
        {
            // Cyclic, or a toJSON that throws: fall back to the type.
        }

        return "[object " + obj.Class + "]";
    }

    /// <summary>
    /// A short JSON-like description that reads only data properties: no getter, toJSON or toString of the script
    /// runs. Used after the script has ended (to describe what it threw), when running its code would be a surprise.
    /// </summary>
    public static string DescribeInert(JsValue value)
    {
        var builder = new StringBuilder();
        AppendInert(builder, value, depth: 0);
        return builder.ToString();
    }

    /// <summary>"TypeError: x is not a function"; the name alone when there is no message.</summary>
    public static string DescribeError(ObjectInstance error)
    {
        var name = ReadString(error, "name");
        var message = ReadString(error, "message");
        name = string.IsNullOrEmpty(name) ? "Error" : name;
        return string.IsNullOrEmpty(message) ? name : name + ": " + message;
    }

    private static void AppendInert(StringBuilder builder, JsValue value, int depth)
    {
        const int MaxItems = 10;
        if (value.IsString())
        {
            AppendQuoted(builder, value.AsString());
            return;
        }

        if (!value.IsObject())
        {
            builder.Append(TypeConverter.ToString(value));
            return;
        }

        var obj = value.AsObject();
        if (obj is ICallable)
        {
            var name = ReadString(obj, "name");
            builder.Append(string.IsNullOrEmpty(name) ? "[Function (anonymous)]" : $"[Function: {name}]");
            return;
        }

        if (obj.Class == "Error")
        {
            builder.Append(DescribeError(obj));
            return;
        }

        var isArray = obj.Class == "Array";
        if (depth >= 2)
        {
            builder.Append(isArray ? "[...]" : "{...}");
            return;
        }

        builder.Append(isArray ? '[' : '{');
        var count = 0;
        foreach (var (key, descriptor) in obj.GetOwnProperties())
        {
            if (descriptor.Enumerable != true || (isArray && !uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                continue;
            }

            if (count > 0)
            {
                builder.Append(',');
            }

            if (++count > MaxItems)
            {
                builder.Append('…');
                break;
            }

            if (!isArray)
            {
                AppendQuoted(builder, key);
                builder.Append(':');
            }

            if (descriptor.IsDataDescriptor() && descriptor.Value is { } item)
            {
                AppendInert(builder, item, depth + 1);
            }
            else
            {
                builder.Append("[Getter/Setter]");
            }
        }

        builder.Append(isArray ? ']' : '}');
    }

    private static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>A primitive data property (own or inherited) as a string; null for accessors, objects or absence.</summary>
    public static string? ReadString(ObjectInstance obj, string propertyName)
    {
        var descriptor = obj.GetProperty(propertyName);
        if (descriptor == PropertyDescriptor.Undefined || !descriptor.IsDataDescriptor() || descriptor.Value is not { } value)
        {
            return null;
        }

        if (value.IsString())
        {
            return value.AsString();
        }

        return value.IsObject() || value.IsUndefined() ? null : TypeConverter.ToString(value);
    }
}
