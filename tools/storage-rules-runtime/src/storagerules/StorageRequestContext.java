package storagerules;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageService.FirebaseStorageCreateContext;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageService.FirebaseStorageDeleteContext;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageService.FirebaseStorageGetContext;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageService.FirebaseStorageListContext;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageService.FirebaseStorageUpdateContext;
import com.google.firebase.rules.runtime.v1.ExpressionMapValue;
import com.google.firebase.rules.runtime.v1.ExpressionPathValue;
import com.google.firebase.rules.runtime.v1.ExpressionValue;
import com.google.firebase.rules.v1.SourcePosition;
import com.google.gson.JsonObject;

/**
 * What the engine's firebase.storage service asks about one request.
 *
 * <p>The five per-method context interfaces differ only in name (list has no {@code resource()}),
 * so one class serves all of them; the converter chosen in {@link Verifier} decides the method.
 */
final class StorageRequestContext
    implements FirebaseStorageGetContext,
        FirebaseStorageListContext,
        FirebaseStorageCreateContext,
        FirebaseStorageUpdateContext,
        FirebaseStorageDeleteContext {
  private final ExpressionPathValue path;
  private final ExpressionMapValue request;
  private final ExpressionValue resource;
  private final FirestoreFetcher firestore;

  StorageRequestContext(
      ExpressionPathValue path,
      ExpressionMapValue request,
      ExpressionValue resource,
      FirestoreFetcher firestore) {
    this.path = path;
    this.request = request;
    this.resource = resource;
    this.firestore = firestore;
  }

  @Override
  public ExpressionPathValue path() {
    return path;
  }

  @Override
  public ExpressionMapValue request() {
    return request;
  }

  @Override
  public ListenableFuture<ExpressionValue> resource() {
    return Futures.immediateFuture(resource);
  }

  /** debug() in rules: log the value (to the log file, never stdout/stderr) and pass it through. */
  @Override
  public ExpressionValue debug(ExpressionValue value) {
    Log.info("rules debug(): " + value.toString().replace('\n', ' '));
    return value;
  }

  @Override
  public ListenableFuture<ExpressionValue> firestoreGet(
      ExpressionPathValue documentPath, SourcePosition position) {
    return Futures.transform(
        fetch(documentPath), FirestoreDocuments::getResult, MoreExecutors.directExecutor());
  }

  @Override
  public ListenableFuture<ExpressionValue> firestoreExists(
      ExpressionPathValue documentPath, SourcePosition position) {
    return Futures.transform(
        fetch(documentPath), FirestoreDocuments::existsResult, MoreExecutors.directExecutor());
  }

  /** Failures surface through the future, as the engine expects of an async function. */
  private ListenableFuture<JsonObject> fetch(ExpressionPathValue documentPath) {
    try {
      return firestore.fetch(ExpressionValues.pathString(documentPath));
    } catch (RuntimeException e) {
      return Futures.immediateFailedFuture(e);
    }
  }
}
