namespace CodeMode.Mocks.Serena;

/// <summary>The initial content of the sample project's files.</summary>
internal static class SampleFiles
{
    public static IEnumerable<(string Path, string Content)> All =>
    [
        (".gitignore", "bin/\nobj/\n*.user\n"),
        ("README.md", """
            # Sample Shop

            A tiny order service for trying Serena's tools.

            - `src/Shop/Models` - the domain types
            - `src/Shop/Services` - order placement and pricing
            - `src/Shop/Data` - storage
            - `tests/Shop.Tests` - unit tests

            Build with `dotnet build`, test with `dotnet test`.

            """),
        ("src/Shop/Shop.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>

            """),
        ("src/Shop/Program.cs", """
            using Shop.Data;
            using Shop.Models;
            using Shop.Services;

            namespace Shop;

            public static class Program
            {
                public static void Main()
                {
                    var service = new OrderService(new InMemoryOrderRepository(), new PriceCalculator());
                    var order = service.PlaceOrder("customer-42", [new OrderLine("SKU-1", 2, 9.99m)]);
                    Console.WriteLine($"Order {order.Id}: {service.QuoteTotal(order)}");
                }
            }

            """),
        ("src/Shop/Models/Order.cs", """
            namespace Shop.Models;

            /// <summary>An order placed by a customer.</summary>
            public sealed class Order
            {
                private readonly List<OrderLine> _lines = new();

                public Order(string id, string customerId)
                {
                    Id = id;
                    CustomerId = customerId;
                }

                public string Id { get; }

                public string CustomerId { get; }

                public OrderStatus Status { get; private set; } = OrderStatus.Draft;

                public IReadOnlyList<OrderLine> Lines => _lines;

                public void AddLine(OrderLine line)
                {
                    if (Status != OrderStatus.Draft)
                    {
                        throw new InvalidOperationException("Only draft orders can change.");
                    }

                    _lines.Add(line);
                }

                public decimal Total()
                {
                    return _lines.Sum(line => line.Quantity * line.UnitPrice);
                }

                public void Submit()
                {
                    Status = OrderStatus.Submitted;
                }

                public void Cancel()
                {
                    Status = OrderStatus.Cancelled;
                }
            }

            """),
        ("src/Shop/Models/OrderLine.cs", """
            namespace Shop.Models;

            /// <summary>One product of an order.</summary>
            public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

            """),
        ("src/Shop/Models/OrderStatus.cs", """
            namespace Shop.Models;

            public enum OrderStatus
            {
                Draft,
                Submitted,
                Shipped,
                Cancelled,
            }

            """),
        ("src/Shop/Services/IOrderRepository.cs", """
            using Shop.Models;

            namespace Shop.Services;

            /// <summary>Where orders are kept.</summary>
            public interface IOrderRepository
            {
                Order? Find(string id);

                void Save(Order order);

                IReadOnlyList<Order> ForCustomer(string customerId);
            }

            """),
        ("src/Shop/Services/OrderService.cs", """
            using Shop.Models;

            namespace Shop.Services;

            /// <summary>Places, prices and cancels orders.</summary>
            public sealed class OrderService
            {
                private readonly IOrderRepository _repository;
                private readonly PriceCalculator _prices;

                public OrderService(IOrderRepository repository, PriceCalculator prices)
                {
                    _repository = repository;
                    _prices = prices;
                }

                public Order PlaceOrder(string customerId, IReadOnlyList<OrderLine> lines)
                {
                    var order = new Order(Guid.NewGuid().ToString("N"), customerId);
                    foreach (var line in lines)
                    {
                        order.AddLine(line);
                    }

                    order.Submit();
                    _repository.Save(order);
                    return order;
                }

                public bool CancelOrder(string orderId)
                {
                    var order = _repository.Find(orderId);
                    if (order is null)
                    {
                        return false;
                    }

                    order.Cancel();
                    _repository.Save(order);
                    return true;
                }

                public decimal QuoteTotal(Order order)
                {
                    var discountRate = 0.1m;
                    return _prices.ApplyTax(order.Total());
                }
            }

            """),
        ("src/Shop/Services/PriceCalculator.cs", """
            namespace Shop.Services;

            /// <summary>Turns net amounts into what the customer pays.</summary>
            public class PriceCalculator
            {
                public const decimal TaxRate = 0.2m;

                public decimal ApplyTax(decimal net)
                {
                    return Math.Round(net * (1 + TaxRate), 2);
                }

                public decimal ApplyTax(decimal net, decimal rate)
                {
                    return Math.Round(net * (1 + rate), 2);
                }
            }

            """),
        ("src/Shop/Data/InMemoryOrderRepository.cs", """
            using Shop.Models;
            using Shop.Services;

            namespace Shop.Data;

            /// <summary>Keeps orders in a dictionary, for tests and demos.</summary>
            public sealed class InMemoryOrderRepository : IOrderRepository
            {
                private readonly Dictionary<string, Order> _orders = new();

                public Order? Find(string id)
                {
                    return _orders.TryGetValue(id, out var order) ? order : null;
                }

                public void Save(Order order)
                {
                    _orders[order.Id] = order;
                }

                public IReadOnlyList<Order> ForCustomer(string customerId)
                {
                    return _orders.Values.Where(order => order.CustomerId == customerId).ToList();
                }
            }

            """),
        ("src/Shop/obj/Debug/Shop.AssemblyInfo.cs", """
            // <auto-generated/>
            [assembly: System.Reflection.AssemblyTitle("Shop")]

            """),
        ("tests/Shop.Tests/OrderServiceTests.cs", """
            using Shop.Data;
            using Shop.Models;
            using Shop.Services;
            using Xunit;

            namespace Shop.Tests;

            public sealed class OrderServiceTests
            {
                private readonly OrderService _service = new(new InMemoryOrderRepository(), new PriceCalculator());

                [Fact]
                public void PlaceOrder_SubmitsTheOrder()
                {
                    var order = _service.PlaceOrder("c1", [new OrderLine("SKU-1", 1, 10m)]);

                    Assert.Equal(OrderStatus.Submitted, order.Status);
                }

                [Fact]
                public void QuoteTotal_AddsTax()
                {
                    var order = _service.PlaceOrder("c1", [new OrderLine("SKU-1", 2, 10m)]);

                    Assert.Equal(24m, _service.QuoteTotal(order));
                }
            }

            """),
    ];
}
