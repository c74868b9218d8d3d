package io.libsql.r2dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.libsql.r2dbc.spring.LibsqlDialect;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.r2dbc.config.AbstractR2dbcConfiguration;
import org.springframework.data.r2dbc.dialect.DialectResolver;
import org.springframework.data.r2dbc.repository.config.EnableR2dbcRepositories;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Spring Data R2DBC, unmodified, over the driver behind r2dbc-pool (against sqld over WebSocket):
 * the dialect is found through spring.factories, a repository does CRUD and paging, and
 * {@code @Transactional} commits and rolls back.
 */
class SpringDataTest {
  private static AnnotationConfigApplicationContext context;

  @Table("item")
  static final class Item {
    @Id Long id;
    String name;
    int qty;
    Instant created;

    Item() {}

    Item(String name, int qty) {
      this.name = name;
      this.qty = qty;
      this.created = Instant.parse("2024-05-01T10:15:30Z");
    }
  }

  interface ItemRepository extends ReactiveCrudRepository<Item, Long> {
    Flux<Item> findByNameStartingWith(String prefix, Pageable page);

    Mono<Long> countByNameStartingWith(String prefix);
  }

  @Service
  static class Stock {
    private final ItemRepository items;

    Stock(ItemRepository items) {
      this.items = items;
    }

    /** Saves both, or (when the second fails) neither. */
    @Transactional
    public Mono<Void> saveBoth(Item a, Item b) {
      return items.save(a).then(items.save(b)).then();
    }
  }

  @Configuration
  @EnableR2dbcRepositories(basePackageClasses = SpringDataTest.class, considerNestedRepositories = true)
  @EnableTransactionManagement
  static class Config extends AbstractR2dbcConfiguration {
    @Bean
    @Override
    public ConnectionFactory connectionFactory() {
      ConnectionFactory driver = ConnectionFactories.get("r2dbc:libsql:" + Sqld.get().wsUrl() + Sqld.LIMITS);
      return new ConnectionPool(ConnectionPoolConfiguration.builder(driver).maxSize(4).build());
    }

    @Bean
    ReactiveTransactionManager transactionManager(ConnectionFactory factory) {
      return new R2dbcTransactionManager(factory);
    }

    @Bean
    Stock stock(ItemRepository items) {
      return new Stock(items);
    }
  }

  @BeforeAll
  static void start() {
    context = new AnnotationConfigApplicationContext(Config.class);
    DatabaseClient db = DatabaseClient.create(context.getBean(ConnectionFactory.class));
    db.sql("DROP TABLE IF EXISTS item").then()
        .then(db.sql("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, qty INTEGER, created TEXT)").then())
        .block(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    ((ConnectionPool) context.getBean(ConnectionFactory.class)).dispose();
    context.close();
  }

  @Test
  void theDialectIsFoundBehindThePool() {
    assertInstanceOf(LibsqlDialect.class, DialectResolver.getDialect(context.getBean(ConnectionFactory.class)));
  }

  @Test
  void crudAndPaging() {
    ItemRepository items = context.getBean(ItemRepository.class);
    Flux.range(1, 25).concatMap(i -> items.save(new Item(String.format("page-%02d", i), i))).blockLast();
    Item first = items.findByNameStartingWith("page-", PageRequest.of(0, 10, Sort.by("name"))).blockFirst();
    assertNotNull(first.id);
    assertEquals(Instant.parse("2024-05-01T10:15:30Z"), first.created);
    List<String> third = items.findByNameStartingWith("page-", PageRequest.of(2, 10, Sort.by("name")))
        .map(i -> i.name).collectList().block();
    assertEquals(List.of("page-21", "page-22", "page-23", "page-24", "page-25"), third);
    assertEquals(25L, items.countByNameStartingWith("page-").block());

    first.qty = 1000;
    items.save(first).block();
    assertEquals(1000, items.findById(first.id).block().qty);
    items.deleteById(first.id).block();
    assertEquals(24L, items.countByNameStartingWith("page-").block());
  }

  @Test
  void transactionalRollsBackTogether() {
    Stock stock = context.getBean(Stock.class);
    ItemRepository items = context.getBean(ItemRepository.class);
    stock.saveBoth(new Item("tx-a", 1), new Item("tx-b", 2)).block();
    Throwable e = stock.saveBoth(new Item("tx-c", 3), new Item("tx-a", 4)).materialize().block().getThrowable();
    assertInstanceOf(DataIntegrityViolationException.class, e);
    List<String> names = items.findAll().map(i -> i.name).filter(n -> n.startsWith("tx-")).sort()
        .collect(Collectors.toList()).block();
    assertEquals(List.of("tx-a", "tx-b"), names);
  }
}
