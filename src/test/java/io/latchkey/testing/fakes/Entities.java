package io.latchkey.testing.fakes;

import java.lang.reflect.Field;

/**
 * Reads and sets what only the database (ids) or another use case (a status) would set on an
 * entity, so that a plain test can start from that state.
 */
public final class Entities {

  private Entities() {}

  public static void setField(Object entity, String name, Object value) {
    try {
      field(entity, name).set(entity, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Object getField(Object entity, String name) {
    try {
      return field(entity, name).get(entity);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The named field, declared by the entity's class or one of its superclasses. */
  private static Field field(Object entity, String name) {
    for (Class<?> type = entity.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException e) {
        // Declared higher up, if at all.
      }
    }
    throw new IllegalArgumentException(entity.getClass().getSimpleName() + " has no " + name);
  }
}
