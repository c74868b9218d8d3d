// The same application built with Gradle (Kotlin DSL), as README.md "Use it in your project" shows.
// The test run builds pom.xml beside this file; this one is kept in step with the README by
// samples' ReadmeSnippetsTest (there is no Gradle on the build machine).
plugins {
    java
}

repositories {
    mavenLocal()     // where `mvn install` put libsql-java
    mavenCentral()
}

java {
    toolchain { languageVersion = JavaLanguageVersion.of(17) }
}

dependencies {
    implementation(platform("io.libsql:libsql-bom:0.1.0-SNAPSHOT"))
    implementation("io.libsql:libsql-client")
    implementation("io.libsql:libsql-jdbc")
    testImplementation("io.libsql:libsql-testing")

    testImplementation("org.junit.jupiter:junit-jupiter:5.14.1")
    testRuntimeOnly("org.junit.platform:junit-platform-launcher")
}

tasks.test {
    useJUnitPlatform()
}
