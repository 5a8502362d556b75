package dev.hourglass.backend.system;

import com.fasterxml.jackson.databind.JavaType;
import dev.hourglass.backend.jobs.JobView;
import dev.hourglass.protocol.WorkerSpec;
import dev.hourglass.recipe.ModelCatalog;
import dev.hourglass.scheduler.WaitKind;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * What the OpenAPI document says of record fields that their types alone do not: a field of a primitive type is
 * always sent and so required; the fields whose values come from a closed list (a model, an allreduce, a reason for
 * waiting) are enums of that list, taken from where the list lives.
 */
@Component
class ApiSchemaRules implements ModelConverter {

    private static final String COMPONENTS = "#/components/schemas/";
    private static final Map<String, List<String>> CLOSED_LISTS = Map.of(
            "model", ModelCatalog.names(),
            "allreduce", WorkerSpec.ALLREDUCE_CHOICES,
            "kind", Stream.concat(Arrays.stream(WaitKind.values()).map(Enum::name),
                    Stream.of(JobView.Waiting.NOT_YET_SCHEDULED)).toList());

    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema resolved = chain.next().resolve(type, context, chain);
        JavaType javaType = Json.mapper().constructType(type.getType());
        Class<?> raw = javaType.getRawClass();
        if (resolved == null || !raw.isRecord()) {
            return resolved;
        }
        Schema model = resolved.get$ref() == null ? resolved
                : context.getDefinedModels().get(resolved.get$ref().substring(COMPONENTS.length()));
        if (model != null && model.getProperties() != null) {
            apply(raw.getRecordComponents(), model);
        }
        return resolved;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void apply(RecordComponent[] components, Schema model) {
        List<String> required = new ArrayList<>(model.getRequired() == null ? List.of() : model.getRequired());
        for (RecordComponent component : components) {
            String name = component.getName();
            Schema property = (Schema) model.getProperties().get(name);
            if (property == null) {
                continue;
            }
            if (component.getType().isPrimitive() && !required.contains(name)) {
                required.add(name);
            }
            List<String> values = CLOSED_LISTS.get(name);
            if (values != null && component.getType() == String.class && property.getEnum() == null) {
                property.setEnum(new ArrayList<>(values));
            }
        }
        model.setRequired(required.isEmpty() ? null : required);
    }
}
